import { BullModule } from '@nestjs/bullmq';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { QUEUES } from '@lib/contracts';
import { MessagingModule } from '@lib/messaging';
import { QueueModule } from '@lib/queue';
import { EmailChannel } from '../email/email.channel';
import { Mailer } from '../email/mailer';
import type { NotificationsConfig } from '../notifications.config';
import { WebhookChannel } from '../webhook/webhook.channel';
import { WebhookClient } from '../webhook/webhook-client';
import { DELIVERY_CHANNELS, type DeliveryChannel } from './delivery-channel';
import { DeliveryRecorder } from './delivery-recorder';
import { DeliveryProcessor } from './delivery.processor';
import { DeliveryQueue } from './delivery.queue';
import { DELIVERY_SETTINGS, DeliveryService, type DeliverySettings } from './delivery.service';
import { DeliverySweeper } from './delivery.sweeper';

@Module({})
export class DeliveryModule implements OnApplicationShutdown {
  constructor(@Inject(DELIVERY_CHANNELS) private readonly channels: DeliveryChannel[]) {}

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
      imports: [
        BullModule.registerQueue({ name: QUEUES.notificationDeliveries }),
        QueueModule,
        MessagingModule,
        subscriptions,
      ],
      providers: [
        { provide: DELIVERY_SETTINGS, useValue: settings },
        {
          provide: WebhookChannel,
          useFactory: () =>
            new WebhookChannel(
              new WebhookClient(
                { allowLoopback: config.webhooks.allowLoopback, allowPrivate: config.webhooks.allowPrivate },
                { timeoutMs: config.webhooks.timeoutMs },
              ),
            ),
        },
        { provide: EmailChannel, useFactory: () => new EmailChannel(new Mailer(config.smtp)) },
        {
          provide: DELIVERY_CHANNELS,
          useFactory: (...channels: DeliveryChannel[]) => channels,
          inject: [WebhookChannel, EmailChannel],
        },
        DeliveryQueue,
        DeliveryRecorder,
        DeliveryService,
        DeliveryProcessor,
        DeliverySweeper,
      ],
      exports: [DeliveryService],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.channels.map((channel) => channel.close()));
  }
}
