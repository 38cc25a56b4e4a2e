import type { OutboxRelay, RelayStatus } from '@lib/messaging';
import { Registry } from 'prom-client';
import { OutboxMetrics } from './outbox-metrics';

function harness(status: () => Promise<RelayStatus>) {
  const registry = new Registry();
  let queries = 0;
  const relay = { status: () => (queries++, status()) } as unknown as OutboxRelay;
  new OutboxMetrics(registry, relay);
  return { registry, queries: () => queries };
}

describe('OutboxMetrics', () => {
  it('reports the backlog and the age of its oldest row, from one status query per scrape', async () => {
    const { registry, queries } = harness(() =>
      Promise.resolve({ leader: true, pending: 7, oldestPendingAgeMs: 4_500 }),
    );
    const text = await registry.metrics();
    expect(text).toContain('logistics_outbox_pending_events 7');
    expect(text).toContain('logistics_outbox_oldest_pending_age_seconds 4.5');
    expect(queries()).toBe(1);
  });

  it('reports an age of 0 when nothing is pending', async () => {
    const { registry } = harness(() => Promise.resolve({ leader: false, pending: 0, oldestPendingAgeMs: null }));
    await expect(registry.metrics()).resolves.toContain('logistics_outbox_oldest_pending_age_seconds 0');
  });

  it('reports NaN (unknown), and the scrape still answers, when the database fails', async () => {
    const { registry } = harness(() => Promise.reject(new Error('connection terminated')));
    const text = await registry.metrics();
    // prom-client writes "Nan"; Prometheus parses NaN in any case.
    expect(text).toMatch(/^logistics_outbox_pending_events nan$/im);
    expect(text).toMatch(/^logistics_outbox_oldest_pending_age_seconds nan$/im);
  });
});
