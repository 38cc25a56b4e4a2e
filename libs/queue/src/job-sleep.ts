import { DelayedError, type Job } from 'bullmq';

/**
 * Puts an active job that woke before its work is due back to sleep for `delayMs` — BullMQ's way
 * (moveToDelayed, then DelayedError so the worker does not complete it): re-adding the job's id
 * instead would be ignored while the job is still active.
 */
export async function sleepJob(job: Job, delayMs: number, token: string | undefined): Promise<never> {
  await job.moveToDelayed(Date.now() + delayMs, token);
  throw new DelayedError();
}
