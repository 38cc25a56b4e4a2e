import { Registry } from 'prom-client';
import { PrometheusMessagingMetrics } from './prometheus-messaging-metrics';

describe('PrometheusMessagingMetrics', () => {
  const registry = new Registry();
  const metrics = new PrometheusMessagingMetrics(registry);
  const values = async (name: string) => (await registry.getSingleMetric(name)!.get()).values;

  it('counts published events by ce_type, a batch at a time', async () => {
    metrics.published('shipment.booked', 3);
    metrics.published('shipment.booked', 2);
    metrics.published('shipment.cancelled', 1);
    await expect(values('logistics_events_published_total')).resolves.toEqual([
      { labels: { ce_type: 'shipment.booked' }, value: 5 },
      { labels: { ce_type: 'shipment.cancelled' }, value: 1 },
    ]);
  });

  it('counts consumed records by ce_type and outcome', async () => {
    metrics.consumed('shipment.booked', 'applied');
    metrics.consumed('shipment.booked', 'duplicate');
    metrics.consumed('shipment.booked', 'applied');
    metrics.consumed('unknown', 'dead-lettered');
    await expect(values('logistics_events_consumed_total')).resolves.toEqual([
      { labels: { ce_type: 'shipment.booked', outcome: 'applied' }, value: 2 },
      { labels: { ce_type: 'shipment.booked', outcome: 'duplicate' }, value: 1 },
      { labels: { ce_type: 'unknown', outcome: 'dead-lettered' }, value: 1 },
    ]);
  });

  it('counts dead letters by origin topic', async () => {
    metrics.deadLettered('shipments.events.v1');
    await expect(values('logistics_events_dead_lettered_total')).resolves.toEqual([
      { labels: { topic: 'shipments.events.v1' }, value: 1 },
    ]);
  });
});
