import {
  createCaller,
  createTestStack,
  startTestService,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { getJson, postJson } from '../../../test/support/bookings';
import { carrierEvent, kinnowTransAfghan } from '../../../test/support/corridor-bookings';
import { query } from '../../../test/support/database';
import { shipmentsModule } from './shipments-module';

/** The carrier status API over HTTP on the real stack: every ingestion rule, through the real database and outbox. */
describe('carrier events: ingestion rules over HTTP', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let shipper: TestCaller;
  let nlc: TestCaller;
  let tcs: TestCaller;
  let ktz: TestCaller;
  const post = (caller: TestCaller, body: unknown) => postJson(`${shipments.baseUrl}/v1/carrier-events`, body, caller);
  const batch = (caller: TestCaller, events: unknown[]) =>
    postJson(`${shipments.baseUrl}/v1/carrier-events/batch`, { events }, caller);
  const book = async () =>
    (await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowTransAfghan(), shipper)).body.id as string;
  // Events of carriers only: these shipments move in the clock's past, so follow-ups rightly declare
  // every leg overdue at once; they have their own test (follow-ups.test.ts), as do predicted ETAs (eta.test.ts).
  const published = async (shipmentId: string) =>
    (
      await query(
        stack,
        `SELECT event_type FROM shipments.outbox
          WHERE subject = $1 AND event_type NOT IN ('shipment.leg.delayed', 'shipment.shelf_life.at_risk')
            AND payload->>'source' IS DISTINCT FROM 'predicted'
          ORDER BY seq`,
        [shipmentId],
      )
    ).map((r) => r.event_type);

  beforeAll(async () => {
    stack = await createTestStack('carrier');
    // No customs service runs here, so the customs gate is off; the gate has its own test (apps/customs/test).
    // The legs run in the clock's past: a year's grace keeps the overdue follow-up from moving an ETA
    // between a carrier's EST and the read that checks it (follow-ups.test.ts covers the follow-up).
    shipments = await startTestService(
      'shipments',
      shipmentsModule,
      { CUSTOMS_GATE: 'false', LEG_OVERDUE_GRACE_MS: String(365 * 86_400_000) },
      stack,
    );
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    nlc = await createCaller(stack, { name: 'National Logistics Cell', role: 'carrier', carrierCode: 'NLC' });
    tcs = await createCaller(stack, { name: 'TCS', role: 'carrier', carrierCode: 'TCS' });
    ktz = await createCaller(stack, { name: 'KTZ Express', role: 'carrier', carrierCode: 'KTZE' });
  });

  afterAll(async () => {
    await shipments?.stop();
    await stack?.dispose();
  });

  it('drives a shipment leg by leg to delivery, one Kafka fact per step, timeline in occurrence order', async () => {
    const id = await book();
    const steps: [TestCaller, ReturnType<typeof carrierEvent>][] = [
      [nlc, carrierEvent(id, 1, 'departure', 0)],
      [nlc, carrierEvent(id, 1, 'arrival', 20)],
      [tcs, carrierEvent(id, 2, 'border_arrival', 21)],
      [tcs, carrierEvent(id, 2, 'border_exit', 30)],
      [tcs, carrierEvent(id, 2, 'departure', 31)],
      [tcs, carrierEvent(id, 2, 'arrival', 40)],
      [nlc, carrierEvent(id, 3, 'departure', 42)],
      [nlc, carrierEvent(id, 3, 'delivery', 200)],
    ];
    for (const [carrier, event] of steps) {
      const response = await post(carrier, event);
      expect({ event: event.kind, status: response.status }).toEqual({ event: event.kind, status: 201 });
    }
    expect(await published(id)).toEqual([
      'shipment.booked',
      'shipment.leg.departed',
      'shipment.leg.arrived',
      'shipment.border.reached',
      'shipment.border.exited',
      'shipment.leg.departed',
      'shipment.leg.arrived',
      'shipment.leg.departed',
      'shipment.delivered',
    ]);
    const { body } = await getJson(`${shipments.baseUrl}/v1/shipments/${id}`, shipper);
    expect(body).toMatchObject({ status: 'DELIVERED', currentLeg: 3, position: { place: { name: 'Almaty' } } });
    expect(body.events.map((e: { kind: string }) => e.kind)).toEqual(steps.map(([, e]) => e.kind));

    const after = await post(nlc, carrierEvent(id, 3, 'exception', 201, { reason: 'late paperwork' }));
    expect(after.status).toBe(409);
    expect(after.body).toMatchObject({ code: 'SHIPMENT_DELIVERED' });
  });

  it('treats the carrier event id as an idempotency key: same body → 200 duplicate, other body → 422', async () => {
    const id = await book();
    const event = carrierEvent(id, 1, 'departure', 1);
    expect((await post(nlc, event)).status).toBe(201);
    const again = await post(nlc, event);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'duplicate', shipmentId: id });
    const changed = await post(nlc, { ...event, occurredAt: '2026-11-20T05:00:00Z' });
    expect(changed.status).toBe(422);
    expect(await published(id)).toEqual(['shipment.booked', 'shipment.leg.departed']);
  });

  it('accepts an event posted many times at once once, and concurrent events on a shipment all', async () => {
    // Posts that wait for the shipment's lock while another commits must still see what it wrote:
    // the retry of an event in flight is a duplicate (200), never a second insert (a 500 on the unique key).
    const id = await book();
    const { trackingNumber } = (await getJson(`${shipments.baseUrl}/v1/shipments/${id}`, shipper)).body;
    expect((await post(nlc, carrierEvent(id, 1, 'departure', 0))).status).toBe(201);
    for (let round = 0; round < 3; round++) {
      const { shipmentId: _id, ...byNumber } = carrierEvent(id, 1, 'exception', 1 + round, {
        reason: `round ${round}`,
      });
      // The same body each time (a different one would be a reuse of the id, 422); by tracking number
      // in one round.
      const event = round === 1 ? { ...byNumber, trackingNumber } : { ...byNumber, shipmentId: id };
      const answers = await Promise.all(Array.from({ length: 8 }, () => post(nlc, event)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    }
    const readings = Array.from({ length: 8 }, (_, i) => carrierEvent(id, 1, 'gate_out', 10 + i));
    expect((await Promise.all(readings.map((e) => post(nlc, e)))).map((a) => a.status)).toEqual(
      readings.map(() => 201),
    );
    const history = await query(
      stack,
      'SELECT kind, count(*)::int AS n FROM shipments.shipment_events' +
        ' WHERE shipment_id = $1 GROUP BY kind ORDER BY kind',
      [id],
    );
    expect(history).toEqual([
      { kind: 'departure', n: 1 },
      { kind: 'exception', n: 3 },
      { kind: 'gate_out', n: 8 },
    ]);
    expect(await published(id)).toEqual([
      'shipment.booked',
      'shipment.leg.departed',
      'shipment.exception',
      'shipment.exception',
      'shipment.exception',
    ]);
    const { body } = await getJson(`${shipments.baseUrl}/v1/shipments/${id}`, shipper);
    expect(body.position.at).toBe(readings[7].occurredAt);
  });

  it('accepts late and out-of-order events but never moves the status backwards', async () => {
    const id = await book();
    expect((await post(nlc, carrierEvent(id, 1, 'arrival', 20))).status).toBe(201);
    expect((await post(nlc, carrierEvent(id, 1, 'departure', 0))).status).toBe(201);
    const { body } = await getJson(`${shipments.baseUrl}/v1/shipments/${id}`, shipper);
    expect(body.legs[0]).toMatchObject({ status: 'ARRIVED' });
    expect(body.events.map((e: { kind: string }) => e.kind)).toEqual(['departure', 'arrival']);
    expect(await published(id)).toEqual(['shipment.booked', 'shipment.leg.arrived', 'shipment.leg.departed']);
  });

  it('refuses impossible transitions with 409 and a code', async () => {
    const id = await book();
    await expect(post(tcs, carrierEvent(id, 2, 'departure', 1))).resolves.toMatchObject({
      status: 409,
      body: { code: 'PREVIOUS_LEG_NOT_STARTED' },
    });
    await post(nlc, carrierEvent(id, 1, 'departure', 1));
    await expect(post(nlc, carrierEvent(id, 1, 'delivery', 2))).resolves.toMatchObject({
      status: 409,
      body: { code: 'DELIVERY_BEFORE_LAST_LEG' },
    });
  });

  it('keeps carriers to their own legs and shipments (403 / 404), and other roles out (403)', async () => {
    const id = await book();
    await expect(post(tcs, carrierEvent(id, 1, 'departure', 1))).resolves.toMatchObject({
      status: 403,
      body: { code: 'NOT_LEG_CARRIER' },
    });
    await expect(post(ktz, carrierEvent(id, 1, 'departure', 1))).resolves.toMatchObject({ status: 404 });
    await expect(post(shipper, carrierEvent(id, 1, 'departure', 1))).resolves.toMatchObject({ status: 403 });
  });

  it('refuses bad input with 422 naming the field, including an occurredAt more than 15 minutes ahead', async () => {
    const id = await book();
    const bad = await post(nlc, { ...carrierEvent(id, 1, 'teleport', 1), celsius: 'warm' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['kind', 'celsius']));
    const future = await post(nlc, {
      ...carrierEvent(id, 1, 'departure', 0),
      occurredAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([{ field: 'occurredAt', reason: 'more than 15 minutes in the future' }]);
  });

  it('takes DCSA Track & Trace codes; EST moves the ETA without moving the status', async () => {
    const id = await book();
    const dcsa = (leg: number, code: string, classifier: string, extra: Record<string, unknown> = {}) => {
      const { kind: _kind, occurredAt, ...rest } = carrierEvent(id, leg, 'x', 1);
      return {
        ...rest,
        transportEventTypeCode: code,
        eventClassifierCode: classifier,
        eventDateTime: occurredAt,
        ...extra,
      };
    };
    expect((await post(nlc, dcsa(1, 'DEPA', 'ACT'))).status).toBe(201);
    expect((await post(nlc, dcsa(1, 'ARRI', 'EST', { estimatedArrival: '2026-11-21T10:00:00Z' }))).status).toBe(201);
    const { body } = await getJson(`${shipments.baseUrl}/v1/shipments/${id}`, shipper);
    expect(body.legs[0]).toMatchObject({ status: 'DEPARTED', eta: '2026-11-21T10:00:00Z' });
    expect(await published(id)).toEqual(['shipment.booked', 'shipment.leg.departed', 'shipment.eta.changed']);
  });

  it('raises one temperature excursion per excursion, not per reading', async () => {
    const id = await book();
    await post(nlc, carrierEvent(id, 1, 'departure', 0));
    for (const [hour, celsius] of [
      [1, 6],
      [2, 9.5],
      [3, 10.2],
      [4, 7],
      [5, 2.9],
      [6, 2.5],
    ] as const) {
      expect((await post(nlc, carrierEvent(id, 1, 'temperature', hour, { celsius }))).status).toBe(201);
    }
    expect((await published(id)).filter((t) => t === 'shipment.temperature.excursion')).toHaveLength(2);
  });

  it('writes a batch’s valid events together and reports each outcome', async () => {
    const id = await book();
    const first = carrierEvent(id, 1, 'departure', 0);
    const events = [
      first,
      carrierEvent(id, 1, 'arrival', 20),
      { eventId: 'broken', leg: 'one' },
      carrierEvent(id, 3, 'departure', 21),
      first,
      carrierEvent(id, 2, 'border_arrival', 21),
    ];
    const response = await batch(nlc, events);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accepted: 2, duplicates: 1, refused: 2, invalid: 1 });
    expect(response.body.results.map((r: { status: number }) => r.status)).toEqual([201, 201, 422, 409, 200, 403]);
    const history = await query(
      stack,
      'SELECT count(*)::int AS n FROM shipments.shipment_events WHERE shipment_id = $1',
      [id],
    );
    expect(history[0].n).toBe(2);
  });

  it('applies a batch to one state per shipment whether events name it by id or by tracking number', async () => {
    for (const order of ['id first', 'tracking number first'] as const) {
      const id = await book();
      const { trackingNumber } = (await getJson(`${shipments.baseUrl}/v1/shipments/${id}`, shipper)).body;
      const byNumber = (event: ReturnType<typeof carrierEvent>) => {
        const { shipmentId: _id, ...rest } = event;
        return { ...rest, trackingNumber };
      };
      const departure = carrierEvent(id, 1, 'departure', 0);
      const estimate = carrierEvent(id, 1, 'arrival', 1, {
        classifier: 'EST',
        estimatedArrival: '2026-11-22T06:00:00Z',
      });
      const events = order === 'id first' ? [departure, byNumber(estimate)] : [byNumber(departure), estimate];
      const response = await batch(nlc, events);
      expect(response.body.results.map((r: { status: number }) => r.status)).toEqual([201, 201]);
      const { body } = await getJson(`${shipments.baseUrl}/v1/shipments/${id}`, shipper);
      expect({ order, status: body.status, leg: body.legs[0].status, eta: body.legs[0].eta }).toEqual({
        order,
        status: 'IN_TRANSIT',
        leg: 'DEPARTED',
        eta: '2026-11-22T06:00:00Z',
      });
      // The departure was published, so the shipper can no longer cancel.
      await expect(postJson(`${shipments.baseUrl}/v1/shipments/${id}/cancel`, {}, shipper)).resolves.toMatchObject({
        status: 409,
        body: { code: 'ALREADY_IN_TRANSIT' },
      });
    }
  });

  it('refuses an event whose tracking number names another shipment than its shipmentId (422)', async () => {
    const [first, second] = [await book(), await book()];
    const { trackingNumber } = (await getJson(`${shipments.baseUrl}/v1/shipments/${second}`, shipper)).body;
    const answer = await post(nlc, carrierEvent(first, 1, 'departure', 0, { trackingNumber }));
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([{ field: 'trackingNumber', reason: 'names another shipment than shipmentId' }]);
    expect(await published(first)).toEqual(['shipment.booked']);
  });

  it('refuses a batch over 1,000 events with 422', async () => {
    const events = Array.from({ length: 1001 }, (_, i) => ({ eventId: `x-${i}` }));
    const response = await batch(nlc, events);
    expect(response.status).toBe(422);
    expect(response.body.errors[0]).toMatchObject({ field: 'events' });
  });
});
