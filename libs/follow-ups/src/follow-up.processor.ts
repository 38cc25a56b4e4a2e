import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { FollowUpJob } from '@lib/contracts';
import { runJobInTrace } from '@lib/tracing';
import { FollowUps } from './follow-ups.service';

/** BullMQ edge for one app's queue: unwrap the job, continue its trace, let FollowUps decide. */
export function followUpProcessor(queue: string): Type<WorkerHost> {
  @Processor(queue)
  class FollowUpProcessor extends WorkerHost {
    constructor(@Inject(FollowUps) private readonly followUps: FollowUps) {
      super();
    }

    async process(job: Job<FollowUpJob>): Promise<string> {
      return runJobInTrace(job.data, () => this.followUps.fire(job.data.followUpId));
    }
  }
  return FollowUpProcessor;
}
