import { Controller } from '@nestjs/common';
import { OnEvent, type EventContext, type EventEnvelope } from '@lib/messaging';
import { DeclarationService } from './declaration.service';

@Controller()
export class DeclarationConsumer {
  constructor(private readonly declarations: DeclarationService) {}

  @OnEvent('shipment.booked')
  async onShipmentBooked(event: EventEnvelope<'shipment.booked'>, context: EventContext) {
    await this.declarations.openForBooking(context.manager, event);
  }
}
