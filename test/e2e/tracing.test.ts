import { topicName } from '@lib/contracts';
import { headerText, readTopicsToEnd } from '@lib/messaging';
import {
  createCaller,
  createTestStack,
  eventually,
  spawnService,
  testKafka,
  type ChildService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { getJson, kinnowByAir, postJson } from '../support/bookings';

/** One carrier post can be followed through every service's logs by its trace id (W3C traceparent). */
describe('traceparent across HTTP → outbox → Kafka → consumer', () => {
  let stack: TestStack;
  let shipments: ChildService;
  let customs: ChildService;
  let shipper: TestCaller;
  let operator: TestCaller;

  beforeAll(async () => {
    stack = await createTestStack('trace');
    [shipments, customs] = await Promise.all([spawnService('shipments', stack), spawnService('customs', stack)]);
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    operator = await createCaller(stack, { name: 'Control room', role: 'operator' });
  });

  afterAll(async () => {
    await Promise.all([shipments, customs].map((s) => s?.stop()));
    await stack?.dispose();
  });

  const logLines = (service: ChildService) =>
    service
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it("keeps the caller's trace id from the request to the record to the consumer's logs", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const booked = await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowByAir(), shipper, {
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    });
    expect(booked.status).toBe(201);
    expect(booked.headers.get('traceparent')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

    await eventually(async () => {
      const { body } = await getJson(`${customs.baseUrl}/v1/declarations?shipmentId=${booked.body.id}`, operator);
      expect(body.items).toHaveLength(1);
    });

    const [record] = (
      await readTopicsToEnd(testKafka('trace-reader'), [topicName('shipments', stack.topicPrefix)])
    ).filter((r) => r.message.key?.toString() === booked.body.id);
    expect(headerText(record.message.headers, 'traceparent')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

    await eventually(() => {
      expect(logLines(shipments).filter((line) => line.traceId === traceId).length).toBeGreaterThan(0);
      expect(logLines(customs).find((line) => line.traceId === traceId && line.msg === 'event applied')).toMatchObject({
        type: 'shipment.booked',
        subject: booked.body.id,
      });
    });
  });

  it('writes one access-log line per API request, with its trace and key id, and none for health probes', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    expect((await fetch(`${shipments.baseUrl}/health/live`)).status).toBe(200);
    const missing = await fetch(`${shipments.baseUrl}/v1/shipments/6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11`, {
      headers: { authorization: shipper.authorization, traceparent: `00-${traceId}-b7ad6b7169203331-01` },
    });
    expect(missing.status).toBe(404);
    await eventually(() =>
      expect(logLines(shipments).filter((line) => line.context === 'HTTP' && line.traceId === traceId)).toEqual([
        expect.objectContaining({
          level: 40,
          service: 'shipments',
          method: 'GET',
          route: '/v1/shipments/:id',
          url: '/v1/shipments/6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11',
          status: 404,
          responseTimeMs: expect.any(Number),
          keyId: shipper.keyId,
          keyVerified: true,
          msg: 'request refused',
        }),
      ]),
    );
    expect(
      logLines(shipments).filter((line) => line.context === 'HTTP' && String(line.url).startsWith('/health')),
    ).toEqual([]);
  });

  it('starts a trace for a request without one, and never logs the API key', async () => {
    const booked = await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowByAir(), shipper);
    const traceId = booked.headers.get('traceparent')!.split('-')[1];
    await eventually(() => expect(logLines(customs).some((line) => line.traceId === traceId)).toBe(true));
    const secret = shipper.authorization.split('.')[1];
    expect(shipments.output()).not.toContain(secret);
    expect(customs.output()).not.toContain(secret);
  });
});
