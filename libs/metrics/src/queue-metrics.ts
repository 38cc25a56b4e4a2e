import { Inject, Injectable, Logger } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import { QueueRegistry, type MeasuredQueue } from '@lib/queue';
import { METRICS_REGISTRY } from './metrics.registry';
import { withTimeout } from './with-timeout';

export type { MeasuredQueue };

export const MEASURED_JOB_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

const QUEUE_TIMEOUT_MS = 2_000;

/**
 * Depth of each registered BullMQ queue by state, and how long until its next delayed job is due,
 * read from Redis at scrape time: the queues of the app's QueueRegistry, where the module owning a
 * queue registers it once; a queue whose Redis does not answer in time is left out of that scrape.
 */
@Injectable()
export class QueueMetrics {
  private readonly logger = new Logger(QueueMetrics.name);
  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    private readonly queues: QueueRegistry = new QueueRegistry(),
  ) {
    const jobs: Gauge<'queue' | 'state'> = new Gauge({
      name: 'logistics_queue_jobs',
      help: 'Jobs in a BullMQ queue, by queue and state (waiting, delayed, active, failed).',
      labelNames: ['queue', 'state'],
      registers: [registry],
      collect: async () => {
        jobs.reset();
        await this.eachQueue(async (queue) => {
          const counts = await queue.getJobCounts(...MEASURED_JOB_STATES);
          for (const state of MEASURED_JOB_STATES) jobs.set({ queue: queue.name, state }, counts[state] ?? 0);
        });
      },
    });
    const nextDelayed: Gauge<'queue'> = new Gauge({
      name: 'logistics_queue_next_delayed_job_seconds',
      help:
        'Seconds until the next delayed job of a BullMQ queue is due (negative when overdue); ' +
        'absent when none is delayed.',
      labelNames: ['queue'],
      registers: [registry],
      collect: async () => {
        nextDelayed.reset();
        await this.eachQueue(async (queue) => {
          const [next] = await queue.getDelayed(0, 0);
          if (next) nextDelayed.set({ queue: queue.name }, (next.timestamp + next.delay - Date.now()) / 1000);
        });
      },
    });
  }

  /** Measures this queue from the next scrape on (as registering it in the app's QueueRegistry does). */
  register(queue: MeasuredQueue): void {
    this.queues.register(queue);
  }

  private async eachQueue(read: (queue: MeasuredQueue) => Promise<void>): Promise<void> {
    await Promise.all(
      this.queues
        .all()
        .map((queue) =>
          withTimeout(read(queue), QUEUE_TIMEOUT_MS, `queue ${queue.name}`).catch((error: unknown) =>
            this.logger.warn({ err: error, queue: queue.name }, 'queue metrics not collected'),
          ),
        ),
    );
  }
}
