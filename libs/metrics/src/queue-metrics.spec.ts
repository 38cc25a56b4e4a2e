import { Registry } from 'prom-client';
import { QueueMetrics, type MeasuredQueue } from './queue-metrics';

function fakeQueue(name: string, counts: Record<string, number>, nextDue?: number): MeasuredQueue {
  return {
    name,
    getJobCounts: () => Promise.resolve(counts),
    getDelayed: () => Promise.resolve(nextDue === undefined ? [] : [{ timestamp: nextDue - 1_000, delay: 1_000 }]),
  } as unknown as MeasuredQueue;
}

describe('QueueMetrics', () => {
  it('reports nothing, and still answers, when no queue is registered', async () => {
    const registry = new Registry();
    new QueueMetrics(registry);
    const text = await registry.metrics();
    expect(text).toContain('# TYPE logistics_queue_jobs gauge');
    expect(text).not.toMatch(/^logistics_queue_jobs\{/m);
  });

  it('reports the depth by state and the next delayed job of each registered queue', async () => {
    const registry = new Registry();
    const metrics = new QueueMetrics(registry);
    metrics.register(fakeQueue('followups', { waiting: 2, delayed: 1, active: 0, failed: 3 }, Date.now() + 30_000));
    metrics.register(fakeQueue('deliveries', { waiting: 0, delayed: 0, active: 1, failed: 0 }));
    const jobs = (await registry.getSingleMetric('logistics_queue_jobs')!.get()).values;
    expect(jobs).toEqual(
      expect.arrayContaining([
        { labels: { queue: 'followups', state: 'waiting' }, value: 2 },
        { labels: { queue: 'followups', state: 'failed' }, value: 3 },
        { labels: { queue: 'deliveries', state: 'active' }, value: 1 },
      ]),
    );
    expect(jobs).toHaveLength(8);
    const next = (await registry.getSingleMetric('logistics_queue_next_delayed_job_seconds')!.get()).values;
    expect(next).toHaveLength(1);
    expect(next[0].labels).toEqual({ queue: 'followups' });
    expect(next[0].value).toBeGreaterThan(25);
    expect(next[0].value).toBeLessThanOrEqual(30);
  });

  it('leaves out a queue whose Redis fails, and reports the others', async () => {
    const registry = new Registry();
    const metrics = new QueueMetrics(registry);
    metrics.register({
      name: 'broken',
      getJobCounts: () => Promise.reject(new Error('Connection is closed.')),
      getDelayed: () => Promise.reject(new Error('Connection is closed.')),
    });
    metrics.register(fakeQueue('followups', { waiting: 1, delayed: 0, active: 0, failed: 0 }));
    const text = await registry.metrics();
    expect(text).toContain('logistics_queue_jobs{queue="followups",state="waiting"} 1');
    expect(text).not.toContain('queue="broken"');
  });
});
