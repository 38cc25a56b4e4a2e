import { Queue } from 'bullmq';
import { Registry } from 'prom-client';
import { uniqueName } from '@lib/testing';
import { QueueMetrics } from '../src';

const connection = { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', maxRetriesPerRequest: null };

/** The BullMQ gauges against a real queue on the local Redis, under a prefix of this file's own. */
describe('QueueMetrics on a real BullMQ queue', () => {
  const prefix = uniqueName('tq');
  const queue = new Queue('followups', { prefix, connection });
  const registry = new Registry();
  const metrics = new QueueMetrics(registry);

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });

  const values = async (name: string) => (await registry.getSingleMetric(name)!.get()).values;

  it('reports the depth by state and the delay until the next delayed job', async () => {
    metrics.register(queue);
    await queue.add('overdue-check', { leg: 1 });
    await queue.add('overdue-check', { leg: 2 }, { delay: 120_000 });
    await queue.add('overdue-check', { leg: 3 }, { delay: 60_000 });

    await expect(values('logistics_queue_jobs')).resolves.toEqual(
      expect.arrayContaining([
        { labels: { queue: 'followups', state: 'waiting' }, value: 1 },
        { labels: { queue: 'followups', state: 'delayed' }, value: 2 },
        { labels: { queue: 'followups', state: 'active' }, value: 0 },
        { labels: { queue: 'followups', state: 'failed' }, value: 0 },
      ]),
    );
    const [next] = await values('logistics_queue_next_delayed_job_seconds');
    expect(next.labels).toEqual({ queue: 'followups' });
    expect(next.value).toBeGreaterThan(50);
    expect(next.value).toBeLessThanOrEqual(60);
  });

  it('drops the delay once no job is delayed', async () => {
    await queue.drain(true);
    await expect(values('logistics_queue_next_delayed_job_seconds')).resolves.toEqual([]);
    await expect(values('logistics_queue_jobs')).resolves.toContainEqual({
      labels: { queue: 'followups', state: 'delayed' },
      value: 0,
    });
  });
});
