import { QUEUES } from '@lib/contracts';
import { FollowUpsModule, type SweepOptions } from '@lib/follow-ups';
import { MessagingModule } from '@lib/messaging';
import { EtaModule } from '../eta/eta.module';
import { FOLLOW_UP_SETTINGS, type FollowUpSettings } from './follow-up.plan';
import { ShipmentFollowUpHandler } from './follow-up.handler';

/** A shipment's follow-ups (leg overdue, shelf life) on the shared durable follow-up machinery. */
export const followUpModule = (settings: FollowUpSettings, sweep: SweepOptions) =>
  FollowUpsModule.forRoot({
    schema: 'shipments',
    queue: QUEUES.shipmentFollowUps,
    sweep,
    handler: ShipmentFollowUpHandler,
    imports: [MessagingModule, EtaModule],
    providers: [{ provide: FOLLOW_UP_SETTINGS, useValue: settings }],
  });
