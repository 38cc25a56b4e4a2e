import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CLOCK, type Clock } from '@lib/clock';
import { QUEUES, type DeliveryJob } from '@lib/contracts';
import { sleepJob } from '@lib/queue';
import { runJobInTrace } from '@lib/tracing';
import { DELIVERY_SETTINGS, DeliveryService, type DeliverySettings } from './delivery.service';

/** BullMQ edge: unwrap the job, continue its trace, let the service attempt the delivery. */
@Processor(QUEUES.notificationDeliveries)
export class DeliveryProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly deliveries: DeliveryService,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Deliveries wait on the network, not the CPU: many at once.
    this.worker.concurrency = this.settings.concurrency;
  }

  async process(job: Job<DeliveryJob>, token?: string): Promise<string> {
    const result = await runJobInTrace(job.data, () => this.deliveries.attempt(job.data));
    if (!result.dueAt) return result.outcome;
    // Woken early (a retry's due time moved): back to sleep until then.
    return sleepJob(job, this.clock.realDelayMs(result.dueAt), token);
  }
}
