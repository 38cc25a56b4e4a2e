import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QUEUES, type DeliveryJob } from '@lib/contracts';
import { runJobInTrace } from '@lib/tracing';
import { DELIVERY_SETTINGS, DeliveryService, type DeliverySettings } from './delivery.service';

/** BullMQ edge: unwrap the job, continue its trace, let the service attempt the delivery. */
@Processor(QUEUES.notificationDeliveries)
export class DeliveryProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly deliveries: DeliveryService,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Deliveries wait on the network, not the CPU: many at once.
    this.worker.concurrency = this.settings.concurrency;
  }

  async process(job: Job<DeliveryJob>): Promise<string> {
    return runJobInTrace(job.data, () => this.deliveries.attempt(job.data));
  }
}
