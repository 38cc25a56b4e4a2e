import { Controller } from '@nestjs/common';
import { OnEvent, type EventContext, type EventEnvelope } from '@lib/messaging';
import { DeclarationService } from './declaration.service';

/** Kafka edge: shipments' facts that open, close or advance declarations. */
@Controller()
export class DeclarationConsumer {
  constructor(private readonly declarations: DeclarationService) {}

  @OnEvent('shipment.booked')
  async onShipmentBooked(event: EventEnvelope<'shipment.booked'>, context: EventContext) {
    await this.declarations.openForBooking(context, event);
  }

  @OnEvent('shipment.cancelled')
  async onShipmentCancelled(event: EventEnvelope<'shipment.cancelled'>, context: EventContext) {
    await this.declarations.closeForCancellation(context.manager, event);
  }

  @OnEvent('shipment.border.reached')
  async onBorderReached(event: EventEnvelope<'shipment.border.reached'>, context: EventContext) {
    await this.declarations.arrive(context, event);
  }
}
