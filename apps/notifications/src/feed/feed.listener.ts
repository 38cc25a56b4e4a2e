import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { Subject } from 'rxjs';
import { FEED_CHANNEL, FEED_NUMBERED_CHANNEL } from './feed.channel';

/**
 * One LISTEN connection per process: committed feed notifications wake the sequencer (`committed`),
 * numbered ones the streams of their shipper (`shippers`). A lost connection is re-opened; the
 * sequencer and the streams also poll, so nothing waits on it forever.
 */
@Injectable()
export class FeedListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FeedListener.name);
  /** Feed notifications were committed and wait for their position. */
  readonly committed = new Subject<void>();
  /** A shipper whose feed has new positions. */
  readonly shippers = new Subject<string>();
  private client?: Client;
  private stopping = false;

  constructor(private readonly databaseUrl: string) {}

  onApplicationBootstrap(): void {
    void this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.committed.complete();
    this.shippers.complete();
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    while (!this.stopping) {
      const client = new Client({ connectionString: this.databaseUrl, application_name: 'notifications-feed' });
      try {
        await client.connect();
        await client.query(`LISTEN ${FEED_CHANNEL}`);
        await client.query(`LISTEN ${FEED_NUMBERED_CHANNEL}`);
        client.on('notification', (message) => {
          if (message.channel === FEED_CHANNEL) this.committed.next();
          else if (message.payload) this.shippers.next(message.payload);
        });
        this.client = client;
        await new Promise<void>((resolve) => client.once('error', () => resolve()).once('end', () => resolve()));
      } catch (error) {
        this.logger.warn({ err: error }, 'feed listener lost Postgres; reconnecting');
      }
      await client.end().catch(() => undefined);
      if (!this.stopping) await new Promise((resolve) => setTimeout(resolve, 1000).unref());
    }
  }
}
