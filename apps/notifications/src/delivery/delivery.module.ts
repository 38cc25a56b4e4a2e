import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { QUEUES } from '@lib/contracts';
import { Mailer } from '../email/mailer';
import type { NotificationsConfig } from '../notifications.config';
import { SubscriptionModule } from '../subscription/subscription.module';
import { WebhookClient } from '../webhook/webhook-client';
import { DeliveryProcessor } from './delivery.processor';
import { DeliveryQueue } from './delivery.queue';
import { DELIVERY_SETTINGS, DeliveryService, type DeliverySettings } from './delivery.service';
import { DeliverySweeper } from './delivery.sweeper';

@Module({})
export class DeliveryModule implements OnApplicationShutdown {
  constructor(
    private readonly webhooks: WebhookClient,
    private readonly mailer: Mailer,
  ) {}

  static forRoot(config: NotificationsConfig, subscriptions: DynamicModule): DynamicModule {
    const settings: DeliverySettings = {
      retryScheduleMs: config.webhooks.retryScheduleMs,
      concurrency: config.delivery.concurrency,
      sweepIntervalMs: config.delivery.sweepIntervalMs,
      redisUrl: config.redis.url,
      firstAttemptGraceMs: config.webhooks.timeoutMs + 10_000,
    };
    return {
      module: DeliveryModule,
      imports: [BullModule.registerQueue({ name: QUEUES.notificationDeliveries }), subscriptions],
      providers: [
        { provide: DELIVERY_SETTINGS, useValue: settings },
        {
          provide: WebhookClient,
          useFactory: () => new WebhookClient({ allowLoopback: config.webhooks.allowLoopback, allowPrivate: config.webhooks.allowPrivate }, { timeoutMs: config.webhooks.timeoutMs }),
        },
        { provide: Mailer, useFactory: () => new Mailer(config.smtp) },
        DeliveryQueue,
        DeliveryService,
        DeliveryProcessor,
        DeliverySweeper,
      ],
      exports: [DeliveryService],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.webhooks.close();
    this.mailer.close();
  }
}
