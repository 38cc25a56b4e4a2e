import type { HttpAdapterHost } from '@nestjs/core';
import { Registry } from 'prom-client';
import { HttpMetrics, UNMATCHED_ROUTE } from './http-metrics';

function harness() {
  const registry = new Registry();
  const metrics = new HttpMetrics(registry, {} as HttpAdapterHost);
  const values = async (name: string) => (await registry.getSingleMetric(name)!.get()).values;
  return { metrics, values };
}

describe('HttpMetrics.observe', () => {
  it('counts requests and their duration by method, route template and status code', async () => {
    const { metrics, values } = harness();
    metrics.observe('GET', '/v1/shipments/:id', 404, 0.012);
    metrics.observe('GET', '/v1/shipments/:id', 404, 0.02);
    metrics.observe('POST', '/v1/shipments', 201, 0.3);
    await expect(values('logistics_http_requests_total')).resolves.toEqual(
      expect.arrayContaining([
        { labels: { method: 'GET', route: '/v1/shipments/:id', status_code: '404' }, value: 2 },
        { labels: { method: 'POST', route: '/v1/shipments', status_code: '201' }, value: 1 },
      ]),
    );
    const durations = await values('logistics_http_request_duration_seconds');
    expect(durations).toContainEqual(
      expect.objectContaining({
        metricName: 'logistics_http_request_duration_seconds_sum',
        labels: { method: 'POST', route: '/v1/shipments', status_code: '201' },
        value: 0.3,
      }),
    );
  });

  it('labels requests that matched no route as one route, not by their URL', async () => {
    const { metrics, values } = harness();
    metrics.observe('GET', undefined, 404, 0.001);
    await expect(values('logistics_http_requests_total')).resolves.toEqual([
      { labels: { method: 'GET', route: UNMATCHED_ROUTE, status_code: '404' }, value: 1 },
    ]);
  });

  it('does not count the scrapes of /metrics', async () => {
    const { metrics, values } = harness();
    metrics.observe('GET', '/metrics', 200, 0.004);
    await expect(values('logistics_http_requests_total')).resolves.toEqual([]);
  });
});
