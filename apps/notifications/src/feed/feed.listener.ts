import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PgListener } from '@lib/database';
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
  private readonly listener: PgListener;

  constructor(databaseUrl: string) {
    this.listener = new PgListener({
      databaseUrl,
      applicationName: 'notifications-feed',
      channels: [FEED_CHANNEL, FEED_NUMBERED_CHANNEL],
      onNotification: (channel, payload) => {
        if (channel === FEED_CHANNEL) this.committed.next();
        else if (payload) this.shippers.next(payload);
      },
      onLost: (error) => this.logger.warn({ err: error }, 'feed listener lost Postgres; reconnecting'),
    });
  }

  onApplicationBootstrap(): void {
    this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener.stop();
    this.committed.complete();
    this.shippers.complete();
  }
}
