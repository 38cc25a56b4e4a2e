import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type Type } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { CLOCK, type Clock } from '@lib/clock';
import type { FollowUpJob } from '@lib/contracts';
import { runJobInTrace } from '@lib/tracing';
import { FollowUps } from './follow-ups.service';

/** BullMQ edge for one app's queue: unwrap the job, continue its trace, let FollowUps decide. */
export function followUpProcessor(queue: string): Type<WorkerHost> {
  @Processor(queue)
  class FollowUpProcessor extends WorkerHost {
    constructor(
      @Inject(FollowUps) private readonly followUps: FollowUps,
      @Inject(CLOCK) private readonly clock: Clock,
    ) {
      super();
    }

    async process(job: Job<FollowUpJob>, token?: string): Promise<string> {
      const result = await runJobInTrace(job.data, () => this.followUps.fire(job.data.followUpId));
      if (result.outcome !== 'not-due') return result.outcome;
      // Woken early: adding its id again would be ignored while this job is active, so the job puts
      // itself back to sleep until the due time (BullMQ's way: moveToDelayed, then DelayedError).
      await job.moveToDelayed(Date.now() + this.clock.realDelayMs(result.dueAt), token);
      throw new DelayedError();
    }
  }
  return FollowUpProcessor;
}
