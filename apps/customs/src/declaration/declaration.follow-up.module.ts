import { QUEUES } from '@lib/contracts';
import { FollowUpsModule, type SweepOptions } from '@lib/follow-ups';
import { MessagingModule } from '@lib/messaging';
import { DeclarationFollowUpHandler } from './declaration.follow-up.handler';
import { DECLARATION_FOLLOW_UP_SETTINGS, type DeclarationFollowUpSettings } from './declaration.follow-ups';

/** Clearance deadlines and document reminders on the shared durable follow-up machinery. */
export const declarationFollowUpModule = (settings: DeclarationFollowUpSettings, sweep: SweepOptions) =>
  FollowUpsModule.forRoot({
    schema: 'customs',
    queue: QUEUES.customsFollowUps,
    sweep,
    handler: DeclarationFollowUpHandler,
    imports: [MessagingModule],
    providers: [{ provide: DECLARATION_FOLLOW_UP_SETTINGS, useValue: settings }],
  });
