import { Controller } from '@nestjs/common';
import { OnEvent, type EventContext, type EventEnvelope } from '@lib/messaging';
import { CustomsDecisionService } from './customs-decision.service';

/** Kafka edge: customs' decisions open (or keep shut) the gate on departures from a crossing. */
@Controller()
export class CustomsDecisionConsumer {
  constructor(private readonly decisions: CustomsDecisionService) {}

  @OnEvent('customs.held')
  async onHeld(event: EventEnvelope<'customs.held'>, context: EventContext) {
    await this.decisions.apply(context.manager, event);
  }

  @OnEvent('customs.cleared')
  async onCleared(event: EventEnvelope<'customs.cleared'>, context: EventContext) {
    await this.decisions.apply(context.manager, event);
  }

  @OnEvent('customs.rejected')
  async onRejected(event: EventEnvelope<'customs.rejected'>, context: EventContext) {
    await this.decisions.apply(context.manager, event);
  }
}
