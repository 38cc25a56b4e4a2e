import { Queue, QueueEvents, Worker } from 'bullmq';
import { uniqueName } from '@lib/testing';

const connection = { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', maxRetriesPerRequest: null };

describe('BullMQ on the real Redis', () => {
  const prefix = uniqueName('tq');
  const queue = new Queue('followups', { prefix, connection });
  const events = new QueueEvents('followups', { prefix, connection });
  let worker: Worker | undefined;

  afterAll(async () => {
    await worker?.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await events.close();
  });

  it('processes an enqueued job and returns its result', async () => {
    const seen: string[] = [];
    worker = new Worker(
      'followups',
      (job) => {
        seen.push(job.id!);
        return Promise.resolve({ doubled: (job.data as { n: number }).n * 2 });
      },
      { prefix, connection },
    );
    await events.waitUntilReady();
    const job = await queue.add('overdue-check', { n: 21 }, { jobId: 'shipment-1.leg-1' });
    await expect(job.waitUntilFinished(events, 10_000)).resolves.toEqual({ doubled: 42 });
    expect(seen).toEqual(['shipment-1.leg-1']);
  });

  it('does not enqueue a job twice under the same id while the first exists', async () => {
    const first = await queue.add('overdue-check', { n: 1 }, { jobId: 'dedupe-me', delay: 60_000 });
    const second = await queue.add('overdue-check', { n: 2 }, { jobId: 'dedupe-me', delay: 60_000 });
    expect(second.id).toBe(first.id);
    await expect(queue.getDelayedCount()).resolves.toBe(1);
  });
});
