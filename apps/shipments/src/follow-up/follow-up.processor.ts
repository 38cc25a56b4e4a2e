import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUES, type FollowUpJob } from '@lib/contracts';
import { runJobInTrace } from '@lib/tracing';
import { FollowUpService } from './follow-up.service';

/** BullMQ edge: unwrap the job, continue its trace, let the service decide. */
@Processor(QUEUES.shipmentFollowUps)
export class FollowUpProcessor extends WorkerHost {
  constructor(private readonly followUps: FollowUpService) {
    super();
  }

  async process(job: Job<FollowUpJob>): Promise<string> {
    return runJobInTrace(job.data, () => this.followUps.fire(job.data.followUpId));
  }
}
