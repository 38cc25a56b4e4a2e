import { topicName } from '@lib/contracts';
import {
  createCaller,
  createTestStack,
  eventually,
  startTestService,
  testKafka,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { getJson, kinnowByAir, postJson } from '../support/bookings';
import { modules, query } from '../support/system';

/** The thin slice: a booking over HTTP reaches customs and notifications over Kafka, once each. */
describe('booking slice across shipments → Kafka → customs and notifications', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let customs: RunningService;
  let notifications: RunningService;
  let shipper: TestCaller;
  let operator: TestCaller;

  beforeAll(async () => {
    stack = await createTestStack('slice');
    [shipments, customs, notifications] = await Promise.all([
      // Polling once a minute: bookings that flow in under a second prove the relay wakes on NOTIFY.
      startTestService('shipments', modules.shipments, { OUTBOX_POLL_INTERVAL_MS: '60000' }, stack),
      startTestService('customs', modules.customs, {}, stack),
      startTestService('notifications', modules.notifications, {}, stack),
    ]);
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow Exports', role: 'shipper' });
    operator = await createCaller(stack, { name: 'Control room', role: 'operator' });
  });

  afterAll(async () => {
    await Promise.all([shipments, customs, notifications].map((s) => s?.stop()));
    await stack?.dispose();
  });

  it('books a shipment and customs and notifications each record it once', async () => {
    const booked = await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowByAir(), shipper);
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({
      status: 'BOOKED',
      shipperId: shipper.tenantId,
      trackingNumber: expect.stringMatching(/^KZPK-/),
    });
    const shipmentId: string = booked.body.id;

    const declarations = await eventually(async () => {
      const { body } = await getJson(`${customs.baseUrl}/v1/declarations?shipmentId=${shipmentId}`, operator);
      expect(body.items).toHaveLength(1);
      return body.items;
    });
    expect(declarations[0]).toMatchObject({ shipmentId, status: 'PENDING', crossing: 'Lahore airport customs' });

    // The shipper's feed hears of the booking and of the declaration customs opened for it.
    const feed = await eventually(async () => {
      const { body } = await getJson(`${notifications.baseUrl}/v1/notifications?shipmentId=${shipmentId}`, shipper);
      expect(body.items.map((n: { type: string }) => n.type).sort()).toEqual([
        'customs.declaration.opened',
        'shipment.booked',
      ]);
      return body.items as { type: string; channel: string; message: string }[];
    });
    const bookedNote = feed.find((n) => n.type === 'shipment.booked')!;
    expect(bookedNote.channel).toBe('feed');
    expect(bookedNote.message).toContain(booked.body.trackingNumber);

    const [outbox] = await query(stack, 'SELECT event_id, published_at FROM shipments.outbox WHERE subject = $1', [
      shipmentId,
    ]);
    expect(outbox.published_at).not.toBeNull();
    const inbox = await query(
      stack,
      'SELECT consumer FROM customs.inbox WHERE event_id = $1 ' +
        'UNION ALL SELECT consumer FROM notifications.inbox WHERE event_id = $1',
      [outbox.event_id],
    );
    expect(inbox.map((row) => row.consumer).sort()).toEqual(['customs', 'notifications']);
  });

  it('publishes shipment.booked as a CloudEvents binary-mode record keyed by the shipment', async () => {
    const booked = await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowByAir(), shipper);
    const shipmentId: string = booked.body.id;
    const consumer = testKafka('slice-reader').consumer({ groupId: `${stack.topicPrefix}reader` });
    const seen: { key?: string; headers: Record<string, string>; value: any }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: topicName('shipments', stack.topicPrefix), fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        seen.push({
          key: message.key?.toString(),
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          value: JSON.parse(message.value!.toString()),
        });
        return Promise.resolve();
      },
    });
    try {
      const record = await eventually(() => {
        const found = seen.find((r) => r.key === shipmentId);
        expect(found).toBeDefined();
        return found!;
      });
      expect(record.headers).toMatchObject({
        ce_specversion: '1.0',
        ce_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ce_source: '/shipments',
        ce_type: 'shipment.booked',
        ce_subject: shipmentId,
        ce_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        'content-type': 'application/json',
      });
      expect(record.value).toMatchObject({
        shipmentId,
        cargo: { hsCode: '0805.21' },
        legs: [{ sequence: 1, mode: 'AIR', carrier: 'SCAT' }],
      });
    } finally {
      await consumer.disconnect();
    }
  });

  it('refuses an invalid booking with 422 naming each field, and writes nothing', async () => {
    const before = await query(stack, 'SELECT count(*)::int AS n FROM shipments.outbox');
    const bad = kinnowByAir({
      legs: [
        { mode: 'HOVERCRAFT', carrier: 'SCAT', from: { locode: 'lahore', name: 'Lahore' }, to: { name: 'Almaty' } },
      ],
    });
    const response = await postJson(`${shipments.baseUrl}/v1/shipments`, bad, shipper);
    expect(response.status).toBe(422);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'legs[0].mode', reason: expect.any(String) },
        { field: 'legs[0].from.locode', reason: 'must be a UN/LOCODE such as PKKHI' },
      ]),
    );
    const after = await query(stack, 'SELECT count(*)::int AS n FROM shipments.outbox');
    expect(after[0].n).toBe(before[0].n);
  });

  it('answers malformed JSON with 400 problem+json', async () => {
    const response = await fetch(`${shipments.baseUrl}/v1/shipments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: shipper.authorization },
      body: '{"cargo":',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers an unknown shipment with 404', async () => {
    const response = await getJson(`${shipments.baseUrl}/v1/shipments/6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11`, operator);
    expect(response.status).toBe(404);
  });
});
