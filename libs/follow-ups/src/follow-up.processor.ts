import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CLOCK, type Clock } from '@lib/clock';
import type { FollowUpJob } from '@lib/contracts';
import { sleepJob } from '@lib/queue';
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
      // Woken early (its follow-up was moved later): back to sleep until the due time.
      return sleepJob(job, this.clock.realDelayMs(result.dueAt), token);
    }
  }
  return FollowUpProcessor;
}
