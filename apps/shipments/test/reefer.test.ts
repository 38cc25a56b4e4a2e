import { QUEUES } from '@lib/contracts';
import {
  createCaller,
  createTestStack,
  eventually,
  startTestService,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { postJson } from '../../../test/support/bookings';
import { kinnowTransAfghan } from '../../../test/support/corridor-bookings';
import { query } from '../../../test/support/database';
import { followUpsSettled } from '../../../test/support/follow-ups';
import { shipmentsModule } from './shipments-module';

const EPOCH = Date.parse('2026-12-20T00:00:00Z');
/** One simulated hour per real second. */
const SCALE = 3600;
const H = 3600_000;
/** Four simulated hours (four real seconds): readings an hour apart leave a slow machine three seconds to spare. */
const SILENCE_MS = 4 * H;

/**
 * Issue 16, item 4: the reefer of a perishable in transit is watched. Readings that stop for
 * REEFER_SILENCE_MS raise one `shipment.reefer.silent`; a reading ends the silence, and a later silence
 * raises another; dry goods and delivered cargo are not watched. Humidity, from the catalogue at booking,
 * is a carry condition like the temperature.
 */
describe('shipments: the reefer watch', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let shipper: TestCaller;
  let nlc: TestCaller;
  let tcs: TestCaller;
  let realStart: number;
  let counter = 0;

  /** The services' simulated now (they share CLOCK_EPOCH and CLOCK_REAL_START with this test). */
  const simNow = () => new Date(EPOCH + (Date.now() - realStart) * SCALE).toISOString();

  const book = async (cargo: Record<string, unknown>) => {
    const booked = await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowTransAfghan({ cargo }), shipper);
    expect(booked.status).toBe(201);
    return booked.body as { id: string; cargo: { perishable?: Record<string, number> } };
  };
  const event = (shipmentId: string, leg: number, kind: string, extra: Record<string, unknown> = {}) => ({
    eventId: `reefer-${++counter}`,
    shipmentId,
    leg,
    kind,
    occurredAt: simNow(),
    ...extra,
  });
  /** Legs 1 and 3 are NLC's, leg 2 TCS's (Torkham → Kabul). */
  const post = async (shipmentId: string, leg: number, kind: string, extra: Record<string, unknown> = {}) => {
    const body = event(shipmentId, leg, kind, extra);
    const answer = await postJson(`${shipments.baseUrl}/v1/carrier-events`, body, leg === 2 ? tcs : nlc);
    expect({ kind, status: answer.status }).toEqual({ kind, status: 201 });
    return body;
  };
  const reading = (shipmentId: string, celsius = 6, extra: Record<string, unknown> = {}) =>
    post(shipmentId, 1, 'temperature', { celsius, ...extra });
  const published = async (shipmentId: string, type: string) =>
    (
      await query(stack, 'SELECT payload FROM shipments.outbox WHERE subject = $1 AND event_type = $2 ORDER BY seq', [
        shipmentId,
        type,
      ])
    ).map((r) => r.payload);
  const watch = async (shipmentId: string) =>
    (
      await query(stack, `SELECT state, outcome, due_at AS "dueAt" FROM shipments.follow_ups WHERE id = $1`, [
        `reefer-silence.${shipmentId}`,
      ])
    )[0] as { state: string; outcome: string | null; dueAt: Date } | undefined;
  const expectBetween = (iso: string, from: string, to: string) =>
    expect({ iso, inside: Date.parse(from) <= Date.parse(iso) && Date.parse(iso) <= Date.parse(to) }).toEqual({
      iso,
      inside: true,
    });
  /** Until the simulated clock has passed `iso`: the positive signal that a silence has run its length. */
  const untilPast = (iso: string) =>
    eventually(() => expect(Date.parse(simNow())).toBeGreaterThan(Date.parse(iso)), { timeoutMs: 30_000 });

  const kinnow = { commodity: 'kinnow', hsCode: '0805.21', packages: 1200, weightKg: 18000 };

  beforeAll(async () => {
    stack = await createTestStack('reefer');
    realStart = Date.now();
    shipments = await startTestService(
      'shipments',
      shipmentsModule,
      {
        CLOCK_EPOCH: new Date(EPOCH).toISOString(),
        CLOCK_SCALE: String(SCALE),
        CLOCK_REAL_START: new Date(realStart).toISOString(),
        REEFER_SILENCE_MS: String(SILENCE_MS),
        // Legs planned for days: no overdue follow-up gets in the way.
        LEG_OVERDUE_GRACE_MS: String(30 * 24 * H),
        CUSTOMS_GATE: 'false',
        FOLLOW_UP_SWEEP_INTERVAL_MS: '500',
      },
      stack,
    );
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    nlc = await createCaller(stack, { name: 'National Logistics Cell', role: 'carrier', carrierCode: 'NLC' });
    tcs = await createCaller(stack, { name: 'TCS Logistics', role: 'carrier', carrierCode: 'TCS' });
  });

  afterAll(async () => {
    await shipments?.stop();
    await stack?.dispose();
  });

  it('alerts once per silence: readings keep the watch quiet, a silence alerts once, a reading re-arms', async () => {
    const { id } = await book(kinnow);
    await post(id, 1, 'departure');
    // Readings an hour apart (simulated) keep the watch moving: it is never due.
    let last = await reading(id);
    for (let i = 0; i < 2; i++) {
      await untilPast(new Date(Date.parse(last.occurredAt) + H).toISOString());
      last = await reading(id);
    }
    // A batch with two readings of one reefer (the gateway's backlog) moves its one watch once: to the
    // silence limit after the batch was heard.
    await untilPast(new Date(Date.parse(last.occurredAt) + H).toISOString());
    const later = event(id, 1, 'temperature', { celsius: 7 });
    const earlier = event(id, 1, 'temperature', { celsius: 6, occurredAt: last.occurredAt });
    const batch = await postJson(`${shipments.baseUrl}/v1/carrier-events/batch`, { events: [later, earlier] }, nlc);
    const heard = simNow();
    expect(batch.status).toBe(200);
    expect(batch.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['accepted', 'accepted']);
    const since = new Date((await watch(id))!.dueAt.getTime() - SILENCE_MS).toISOString();
    expectBetween(since, later.occurredAt, heard);
    expect(await published(id, 'shipment.reefer.silent')).toEqual([]);
    expect(await watch(id)).toMatchObject({ state: 'pending' });

    // The readings stop: one alert, naming the last reading.
    const silent = await eventually(
      async () => {
        const found = await published(id, 'shipment.reefer.silent');
        expect(found).toHaveLength(1);
        return found;
      },
      { timeoutMs: 30_000 },
    );
    // The latest reading taken (not the one heard last), and the silence from when the batch was heard.
    expect(silent[0]).toEqual({
      shipmentId: id,
      shipperId: shipper.tenantId,
      commodity: 'kinnow',
      lastReadingAt: later.occurredAt,
      silentSince: since,
      silenceMs: SILENCE_MS,
    });
    await followUpsSettled(stack, { schema: 'shipments', queue: QUEUES.shipmentFollowUps }, [`reefer-silence.${id}`]);
    expect(await published(id, 'shipment.reefer.silent')).toHaveLength(1);

    // A reading ends the silence and re-arms the watch; when the readings stop again, a second alert.
    const resumed = await reading(id);
    const resumedHeard = simNow();
    expect(await watch(id)).toMatchObject({ state: 'pending', outcome: null });
    const again = await eventually(
      async () => {
        const found = await published(id, 'shipment.reefer.silent');
        expect(found).toHaveLength(2);
        return found;
      },
      { timeoutMs: 30_000 },
    );
    expect(again[1]).toMatchObject({ lastReadingAt: resumed.occurredAt, silenceMs: SILENCE_MS });
    expectBetween(again[1].silentSince, resumed.occurredAt, resumedHeard);
    await followUpsSettled(stack, { schema: 'shipments', queue: QUEUES.shipmentFollowUps }, [`reefer-silence.${id}`]);
    expect(await published(id, 'shipment.reefer.silent')).toHaveLength(2);
  });

  it('alerts a reefer that never reported, counted from the departure', async () => {
    const { id } = await book(kinnow);
    const departure = await post(id, 1, 'departure');
    const heard = simNow();
    const silent = await eventually(
      async () => {
        const found = await published(id, 'shipment.reefer.silent');
        expect(found).toHaveLength(1);
        return found;
      },
      { timeoutMs: 30_000 },
    );
    expect(silent[0]).toMatchObject({ lastReadingAt: null, silenceMs: SILENCE_MS });
    expectBetween(silent[0].silentSince, departure.occurredAt, heard);
  });

  it('watches no dry goods, and no reefer once the cargo is delivered', async () => {
    const yarn = await book({ commodity: 'cotton yarn', hsCode: '5205.12', packages: 300, weightKg: 15000 });
    await post(yarn.id, 1, 'departure');
    expect(await watch(yarn.id)).toBeUndefined();

    const { id } = await book(kinnow);
    await post(id, 1, 'departure');
    await reading(id);
    await post(id, 2, 'departure');
    await post(id, 3, 'departure');
    await post(id, 3, 'delivery');
    // The watch comes due after delivery and stands down: nothing published.
    const due = (await watch(id))!.dueAt;
    await untilPast(due.toISOString());
    await followUpsSettled(stack, { schema: 'shipments', queue: QUEUES.shipmentFollowUps }, [`reefer-silence.${id}`]);
    expect(await watch(id)).toMatchObject({ state: 'done', outcome: 'not-needed' });
    expect(await published(id, 'shipment.reefer.silent')).toEqual([]);
  });

  it('carries kinnow at the catalogue’s humidity and raises one excursion per humidity excursion', async () => {
    const { id, cargo } = await book(kinnow);
    expect(cargo.perishable).toEqual({
      minCelsius: 4,
      maxCelsius: 8,
      minHumidityPercent: 85,
      maxHumidityPercent: 90,
      shelfLifeDays: 28,
    });
    await post(id, 1, 'departure');
    await reading(id, 6, { humidityPercent: 88 });
    const dry = await reading(id, 6, { humidityPercent: 70 });
    await reading(id, 6, { humidityPercent: 72 });
    await reading(id, 6, { humidityPercent: 87 });
    await reading(id, 6, { humidityPercent: 96 });
    const excursions = await published(id, 'shipment.temperature.excursion');
    expect(excursions.map((e) => [e.humidityPercent, e.outside])).toEqual([
      [70, ['humidity']],
      [96, ['humidity']],
    ]);
    expect(excursions[0]).toMatchObject({
      occurredAt: dry.occurredAt,
      celsius: 6,
      minCelsius: 4,
      maxCelsius: 8,
      minHumidityPercent: 85,
      maxHumidityPercent: 90,
    });
    // Humidity belongs to a reading only.
    const refused = await postJson(
      `${shipments.baseUrl}/v1/carrier-events`,
      event(id, 1, 'exception', { reason: 'door open', humidityPercent: 50 }),
      nlc,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { field: 'humidityPercent', reason: 'humidity comes with a temperature reading' },
    ]);
  });
});
