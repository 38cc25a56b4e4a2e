import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PgListener } from '@lib/database';
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
  private readonly listener: PgListener;

  constructor(
    databaseUrl: string,
    private readonly cache: SubscriptionCache,
  ) {
    this.listener = new PgListener({
      databaseUrl,
      applicationName: 'notifications-subscriptions',
      channels: [SUBSCRIPTION_CHANGES_CHANNEL],
      onNotification: (_channel, shipperId) => {
        if (shipperId) this.cache.changed(shipperId);
      },
      // Only from here on is every change heard; whatever was loaded before may be stale.
      onListening: () => this.cache.listening(true),
      onLost: (error) => {
        this.cache.listening(false);
        this.logger.warn({ err: error }, 'subscription changes listener lost Postgres; reconnecting');
      },
    });
  }

  onApplicationBootstrap(): void {
    this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.cache.listening(false);
    await this.listener.stop();
  }
}
