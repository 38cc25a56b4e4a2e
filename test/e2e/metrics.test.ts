import {
  createCaller,
  createTestStack,
  eventually,
  startTestService,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { kinnowByAir, postJson } from '../support/bookings';
import { modules } from '../support/system';

/** One sample's value from the exposition text, or undefined if that series is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => [k, v]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

async function scrape(service: RunningService): Promise<string> {
  const response = await fetch(`${service.baseUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  return response.text();
}

/** `/metrics` of real services on a shared stack, after one booking went shipments → Kafka → customs. */
describe('GET /metrics on shipments and customs', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let customs: RunningService;
  let shipper: TestCaller;

  beforeAll(async () => {
    stack = await createTestStack('metrics');
    [shipments, customs] = await Promise.all([
      startTestService('shipments', modules.shipments, {}, stack),
      startTestService('customs', modules.customs, {}, stack),
    ]);
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow Exports', role: 'shipper' });
    const booked = await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowByAir(), shipper);
    expect(booked.status).toBe(201);
  });

  afterAll(async () => {
    await Promise.all([shipments, customs].map((s) => s?.stop()));
    await stack?.dispose();
  });

  it('counts the booking by route template and status, and publishing its event, on shipments', async () => {
    const text = await eventually(async () => {
      const text = await scrape(shipments);
      expect(
        sample(text, 'logistics_events_published_total', { service: 'shipments', ce_type: 'shipment.booked' }),
      ).toBeGreaterThanOrEqual(1);
      return text;
    });
    expect(
      sample(text, 'logistics_http_requests_total', {
        service: 'shipments',
        method: 'POST',
        route: '/v1/shipments',
        status_code: '201',
      }),
    ).toBe(1);
    expect(
      sample(text, 'logistics_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/v1/shipments',
        status_code: '201',
      }),
    ).toBe(1);
    expect(sample(text, 'logistics_outbox_pending_events', { service: 'shipments' })).toEqual(expect.any(Number));
    expect(sample(text, 'logistics_outbox_oldest_pending_age_seconds', { service: 'shipments' })).toEqual(
      expect.any(Number),
    );
    expect(text).not.toContain('route="/metrics"');
  });

  it('counts errors answered by the exception filters under their route template', async () => {
    const missing = await fetch(`${shipments.baseUrl}/v1/shipments/6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11`);
    expect(missing.status).toBe(401);
    const text = await scrape(shipments);
    expect(
      sample(text, 'logistics_http_requests_total', { method: 'GET', route: '/v1/shipments/:id', status_code: '401' }),
    ).toBe(1);
  });

  it('counts the booked event applied, and reports its consumer lag, on customs', async () => {
    const text = await eventually(async () => {
      const text = await scrape(customs);
      expect(
        sample(text, 'logistics_events_consumed_total', {
          service: 'customs',
          ce_type: 'shipment.booked',
          outcome: 'applied',
        }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        sample(text, 'logistics_kafka_consumer_lag', {
          service: 'customs',
          topic: `${stack.topicPrefix}shipments.events.v1`,
        }),
      ).toEqual(expect.any(Number));
      return text;
    });
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="customs"\} /m);
    // Each service has its own registry: customs does not see the shipments' HTTP requests.
    expect(sample(text, 'logistics_http_requests_total', { route: '/v1/shipments' })).toBeUndefined();
  });

  it('still answers, without the lag, when the broker is unreachable', async () => {
    // The outbox both instances read is drained first by the connected one (with three brokers its
    // acks=all sends take a moment longer).
    await eventually(async () =>
      expect(sample(await scrape(customs), 'logistics_outbox_pending_events', { service: 'customs' })).toBe(0),
    );
    const cutOff = await startTestService('customs', modules.customs, { KAFKA_BROKERS: '127.0.0.1:1' }, stack);
    try {
      const started = Date.now();
      const text = await scrape(cutOff);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(text).toContain('# TYPE logistics_kafka_consumer_lag gauge');
      expect(text).not.toMatch(/^logistics_kafka_consumer_lag\{/m);
      expect(sample(text, 'logistics_outbox_pending_events', { service: 'customs' })).toBe(0);
    } finally {
      await cutOff.stop();
    }
  });
});
