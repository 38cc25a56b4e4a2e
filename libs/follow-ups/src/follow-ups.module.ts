import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { QueueModule } from '@lib/queue';
import { FOLLOW_UP_HANDLER, type FollowUpHandler } from './follow-up';
import { followUpProcessor } from './follow-up.processor';
import { FOLLOW_UP_QUEUE, FollowUpScheduler } from './follow-up.scheduler';
import { FOLLOW_UP_SWEEP, FollowUpSweeper } from './follow-up.sweeper';
import type { SweepOptions } from './recovery-sweep';
import { FOLLOW_UP_SCHEMA, FollowUps } from './follow-ups.service';

export interface FollowUpsOptions {
  /** The schema whose `follow_ups` table holds them (see createFollowUpsTable). */
  schema: string;
  /** The app's BullMQ queue (from QUEUES in @lib/contracts). */
  queue: string;
  sweep: SweepOptions;
  /** What a due follow-up does. */
  handler: Type<FollowUpHandler>;
  /** What the handler needs beyond the platform (its settings …), for the handler only. */
  providers?: Provider[];
  /** Modules whose exports the handler injects (e.g. MessagingModule for the Outbox). */
  imports?: DynamicModule['imports'];
}

/**
 * Durable follow-ups for one app: Postgres rows, deterministic BullMQ jobs on the clock, a sweep that
 * rebuilds them. Configured once per app; the modules that plan follow-ups import that configured
 * module (one instance) and get FollowUps.
 */
@Module({})
export class FollowUpsModule {
  static forRoot(options: FollowUpsOptions): DynamicModule {
    return {
      module: FollowUpsModule,
      imports: [BullModule.registerQueue({ name: options.queue }), QueueModule, ...(options.imports ?? [])],
      providers: [
        ...(options.providers ?? []),
        { provide: FOLLOW_UP_SCHEMA, useValue: options.schema },
        { provide: FOLLOW_UP_SWEEP, useValue: options.sweep },
        { provide: FOLLOW_UP_QUEUE, useExisting: getQueueToken(options.queue) },
        { provide: FOLLOW_UP_HANDLER, useClass: options.handler },
        FollowUpScheduler,
        FollowUps,
        followUpProcessor(options.queue),
        FollowUpSweeper,
      ],
      exports: [FollowUps],
    };
  }
}
