import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@lib/bootstrap';
import { migrations } from './database/migrations';
import { DeliveryModule } from './delivery/delivery.module';
import { FeedModule } from './feed/feed.module';
import { Notification } from './notification/notification.entity';
import { NotificationModule } from './notification/notification.module';
import type { NotificationsConfig } from './notifications.config';
import { Subscription } from './subscription/subscription.entity';
import { SecretBox } from './subscription/secret-box';
import { SubscriptionModule } from './subscription/subscription.module';

@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsConfig): DynamicModule {
    const subscriptions = SubscriptionModule.forRoot({
      policy: { allowLoopback: config.webhooks.allowLoopback, allowPrivate: config.webhooks.allowPrivate },
      secretGraceMs: config.webhooks.secretGraceMs,
      secretKey: config.webhooks.secretKey,
      maxPerShipper: config.subscriptions.maxPerShipper,
      databaseUrl: config.database.url,
    });
    const delivery = DeliveryModule.forRoot(config, subscriptions);
    return {
      module: NotificationsModule,
      imports: [
        ServicePlatformModule.forRoot(config, {
          migrations,
          entities: [Notification, Subscription],
          publishes: 'notifications',
          // A webhook subscription's answer carries its signing secret: stored answers are sealed like the secrets.
          idempotencySealer: new SecretBox(config.webhooks.secretKey),
          openApi: {
            title: 'Notifications API',
            description:
              'What shippers are told about their cargo: subscriptions (signed webhooks per Standard Webhooks 1.0, ' +
              'email), notifications with their delivery attempts, and a live feed (SSE). ' +
              'Publishes notification.delivered / notification.failed.',
            version: '1',
          },
        }),
        subscriptions,
        delivery,
        NotificationModule.forRoot(subscriptions, delivery),
        FeedModule.forRoot(config.database.url),
      ],
    };
  }
}
