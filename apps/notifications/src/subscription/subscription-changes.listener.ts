import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { SUBSCRIPTION_CHANGES_CHANNEL } from './subscription-changes';
import { SubscriptionCache } from './subscription.cache';

/**
 * LISTENs for subscription changes and drops their shipper from the cache. The cache keeps nothing
 * unless this connection is listening: a lost connection may have missed changes, so the cache is
 * emptied and bypassed until it listens again (re-opened after a second).
 */
@Injectable()
export class SubscriptionChangesListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SubscriptionChangesListener.name);
  private client?: Client;
  private stopping = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly cache: SubscriptionCache,
  ) {}

  onApplicationBootstrap(): void {
    void this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.cache.listening(false);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    while (!this.stopping) {
      const client = new Client({
        connectionString: this.databaseUrl,
        application_name: 'notifications-subscriptions',
      });
      // Every 'error' needs a listener (an unheard one would throw); the first error or end means lost.
      const lost = new Promise<void>((resolve) => client.on('error', () => resolve()).on('end', () => resolve()));
      try {
        await client.connect();
        client.on('notification', (message) => {
          if (message.payload) this.cache.changed(message.payload);
        });
        await client.query(`LISTEN ${SUBSCRIPTION_CHANGES_CHANNEL}`);
        this.client = client;
        // Only from here on is every change heard; whatever was loaded before may be stale.
        this.cache.listening(true);
        await lost;
      } catch (error) {
        this.logger.warn({ err: error }, 'subscription changes listener lost Postgres; reconnecting');
      }
      this.cache.listening(false);
      await client.end().catch(() => undefined);
      if (!this.stopping) await new Promise((resolve) => setTimeout(resolve, 1000).unref());
    }
  }
}
