import { Controller } from '@nestjs/common';
import { OnEvent, type EventContext, type EventEnvelope } from '@lib/messaging';
import { NOTIFIABLE_EVENT_TYPES } from '../subscription/event-filter';
import { NotificationService } from './notification.service';

/** Kafka edge: every shipment.* and customs.* fact may concern a shipper. */
@Controller()
export class NotificationConsumer {
  constructor(private readonly notifications: NotificationService) {}

  @OnEvent(NOTIFIABLE_EVENT_TYPES)
  async onEvent(event: EventEnvelope, context: EventContext) {
    await this.notifications.notify(context, event);
  }
}
