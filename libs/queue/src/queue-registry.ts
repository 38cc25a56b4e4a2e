import type { Queue } from 'bullmq';

/** What an observer of a queue may read (depth by state, the next delayed job). */
export type MeasuredQueue = Pick<Queue, 'name' | 'getJobCounts' | 'getDelayed'>;

/**
 * The BullMQ queues this app runs: the module owning a queue registers it once, and whoever observes
 * the app's queues (its /metrics) reads them here, so a queue's owner needs no metrics module.
 */
export class QueueRegistry {
  private readonly queues = new Map<string, MeasuredQueue>();

  /** Registering another queue of the same name replaces it. */
  register(queue: MeasuredQueue): void {
    this.queues.set(queue.name, queue);
  }

  all(): MeasuredQueue[] {
    return [...this.queues.values()];
  }
}
