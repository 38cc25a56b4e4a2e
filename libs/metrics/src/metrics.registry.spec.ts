import { Counter } from 'prom-client';
import { createServiceRegistry } from './metrics.registry';

describe('createServiceRegistry', () => {
  it('labels every series with the service and carries the process metrics', async () => {
    const registry = createServiceRegistry('customs');
    new Counter({ name: 'logistics_test_total', help: 'test', registers: [registry] }).inc();
    const text = await registry.metrics();
    expect(text).toContain('logistics_test_total{service="customs"} 1');
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="customs"\} /m);
  });

  it('gives each service its own registry, so two services in one process do not collide', async () => {
    const shipments = createServiceRegistry('shipments');
    const customs = createServiceRegistry('customs');
    new Counter({ name: 'logistics_test_total', help: 'test', registers: [shipments] }).inc(2);
    new Counter({ name: 'logistics_test_total', help: 'test', registers: [customs] }).inc(5);
    await expect(shipments.metrics()).resolves.toContain('logistics_test_total{service="shipments"} 2');
    await expect(customs.metrics()).resolves.toContain('logistics_test_total{service="customs"} 5');
  });
});
