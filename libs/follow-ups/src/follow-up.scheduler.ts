import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { CLOCK, type Clock } from '@lib/clock';
import { JOBS, type FollowUpJob } from '@lib/contracts';
import { QueueRegistry } from '@lib/queue';
import { withTrace } from '@lib/tracing';

export const FOLLOW_UP_QUEUE = Symbol('FOLLOW_UP_QUEUE');

/**
 * The BullMQ side of follow-ups (the only file that knows the queue): one delayed job per follow-up,
 * id = follow-up id.
 */
@Injectable()
export class FollowUpScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FollowUpScheduler.name);

  constructor(
    @Inject(FOLLOW_UP_QUEUE) private readonly queue: Queue<FollowUpJob>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly queues: QueueRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.queues.register(this.queue);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }

  /** Delays come from the clock, so simulated hours pass in real seconds at CLOCK_SCALE > 1. */
  async schedule(followUps: { id: string; dueAt: Date }[]): Promise<void> {
    if (followUps.length === 0) return;
    await this.queue.addBulk(
      followUps.map((f) => ({
        name: JOBS.followUpDue,
        data: withTrace({ followUpId: f.id }),
        // BullMQ ignores a job whose id already exists: re-scheduling from a sweep is harmless. A job
        // that failed every attempt is removed too, or its id would stop the sweep from adding it again.
        opts: {
          jobId: f.id,
          delay: this.clock.realDelayMs(f.dueAt),
          removeOnComplete: true,
          removeOnFail: true,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
        },
      })),
    );
    this.logger.debug({ count: followUps.length }, 'follow-ups scheduled');
  }
}
