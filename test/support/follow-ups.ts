import { Queue } from 'bullmq';
import { eventually, type TestStack } from '@lib/testing';
import { query } from './database';

/**
 * Waits until the given follow-ups can fire no more: each row is done (firing checks the row, and a
 * sweep re-adds only pending ones) and BullMQ holds no job for it (completed jobs are removed, so a
 * job still there may be running). The positive signal an absence check needs instead of a sleep.
 */
export async function followUpsSettled(
  stack: TestStack,
  { schema, queue: queueName }: { schema: string; queue: string },
  ids: string[],
): Promise<void> {
  const queue = new Queue(queueName, {
    prefix: stack.bullmqPrefix,
    connection: { url: stack.env.REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
  });
  try {
    await eventually(
      async () => {
        const rows = await query<{ id: string; state: string }>(
          stack,
          `SELECT id, state FROM ${schema}.follow_ups WHERE id = ANY($1::text[])`,
          [ids],
        );
        expect(rows.map((r) => `${r.id}:${r.state}`).sort()).toEqual(ids.map((id) => `${id}:done`).sort());
        const jobs = await Promise.all(ids.map((id) => queue.getJob(id)));
        expect(jobs.filter(Boolean).map((job) => job!.id)).toEqual([]);
      },
      { timeoutMs: 30_000 },
    );
  } finally {
    await queue.close();
  }
}
