import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '@lib/contracts';
import { MEASURED_JOB_STATES, type MeasuredQueue } from '@lib/metrics';
import type { QueueStatus } from './sample';

/**
 * Depth of every BullMQ queue of the system and when its next delayed job is due,
 * as the services' queue metrics read them.
 */
@Injectable()
export class QueueProbe {
  private readonly queues: MeasuredQueue[];

  constructor(
    @InjectQueue(QUEUES.shipmentFollowUps) shipmentFollowUps: Queue,
    @InjectQueue(QUEUES.customsFollowUps) customsFollowUps: Queue,
    @InjectQueue(QUEUES.notificationDeliveries) notificationDeliveries: Queue,
  ) {
    this.queues = [shipmentFollowUps, customsFollowUps, notificationDeliveries];
  }

  sample(): Promise<QueueStatus[]> {
    return Promise.all(
      this.queues.map(async (queue) => {
        const [counts, [next]] = await Promise.all([
          queue.getJobCounts(...MEASURED_JOB_STATES),
          queue.getDelayed(0, 0),
        ]);
        return {
          queue: queue.name,
          waiting: counts.waiting ?? 0,
          delayed: counts.delayed ?? 0,
          active: counts.active ?? 0,
          failed: counts.failed ?? 0,
          nextDelayedAt: next ? next.timestamp + next.delay : null,
        };
      }),
    );
  }
}
