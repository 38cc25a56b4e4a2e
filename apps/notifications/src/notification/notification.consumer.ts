import { Controller } from '@nestjs/common';
import { OnEvent, type EventContext, type EventEnvelope } from '@lib/messaging';
import { NotificationService } from './notification.service';

@Controller()
export class NotificationConsumer {
  constructor(private readonly notifications: NotificationService) {}

  @OnEvent('shipment.booked')
  async onShipmentBooked(event: EventEnvelope<'shipment.booked'>, context: EventContext) {
    await this.notifications.notifyBooked(context.manager, event);
  }
}
