import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { CLOCK, type Clock } from '@lib/clock';
import { JOBS, QUEUES, type DeliveryJob } from '@lib/contracts';
import { QueueRegistry } from '@lib/queue';
import { withTrace } from '@lib/tracing';

export interface DeliveryDue {
  notificationId: string;
  round: number;
  attempt: number;
  dueAt: Date;
}

/**
 * The BullMQ side of deliveries (the only file that knows the queue): one job per attempt,
 * id = notification.round.attempt.
 */
@Injectable()
export class DeliveryQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @InjectQueue(QUEUES.notificationDeliveries) private readonly queue: Queue<DeliveryJob>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly queues: QueueRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.queues.register(this.queue);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }

  /** Retry delays are simulated time (the shared clock); BullMQ ignores an attempt it already holds. */
  async enqueue(due: DeliveryDue[]): Promise<void> {
    if (due.length === 0) return;
    await this.queue.addBulk(
      due.map((d) => ({
        name: JOBS.deliveryDue,
        data: withTrace({ notificationId: d.notificationId, round: d.round, attempt: d.attempt }),
        // Our own retry schedule handles failed deliveries; BullMQ's attempts only cover a crash of the
        // job itself (e.g. Postgres unreachable). Removed either way, so a sweep can add it again.
        opts: {
          jobId: `${d.notificationId}.${d.round}.${d.attempt}`,
          delay: this.clock.realDelayMs(d.dueAt),
          removeOnComplete: true,
          removeOnFail: true,
          attempts: 3,
          backoff: { type: 'exponential', delay: 1000 },
        },
      })),
    );
  }
}
