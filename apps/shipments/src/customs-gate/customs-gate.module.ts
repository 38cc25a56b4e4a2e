import { Module } from '@nestjs/common';
import { MessagingModule } from '@lib/messaging';
import { CustomsDecisionConsumer } from './customs-decision.consumer';
import { CustomsDecisionService } from './customs-decision.service';

/**
 * The shipments side of the customs gate: customs' decisions mark the legs that start at a crossing.
 * The carrier-event rules read those marks (when CUSTOMS_GATE is on) to refuse moves before clearance.
 */
@Module({
  imports: [MessagingModule],
  controllers: [CustomsDecisionConsumer],
  providers: [CustomsDecisionService],
})
export class CustomsGateModule {}
