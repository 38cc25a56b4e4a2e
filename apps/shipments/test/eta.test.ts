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
import { legsFor } from '@lib/reference-data';
import { postJson } from '../../../test/support/bookings';
import { query } from '../../../test/support/database';
import { followUpsSettled } from '../../../test/support/follow-ups';
import { segmentsOf } from '../src/eta/eta.segments';
import { predictArrival } from '../src/eta/eta.predictor';
import { lookupIn, statsId } from '../src/eta/eta.store';
import { shipmentsModule } from './shipments-module';

const HOUR = 3600_000;
/** Twenty simulated hours per real second: a trans-Afghan leg of about four days passes in about five seconds. */
const SCALE = 72_000;
const CORRIDOR = 'trans-afghan';

/**
 * Predicted ETA through the real service, on a clock that runs: the model learns from accepted
 * arrivals and departures exactly once, `shipment.eta.changed` (source: predicted) is published once per
 * material change, and the overdue follow-up fires from the prediction — a cargo that sits at a crossing
 * for its usual dwell raises no delay, a leg far past its predicted arrival raises exactly one.
 */
describe('predicted ETA: learning, publishing and delays from the prediction', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let shipper: TestCaller;
  const carriers = new Map<string, TestCaller>();
  // Simulated time starts at T0 when the service starts (CLOCK_REAL_START): the test knows the clock.
  const realStart = Date.now() + 2_000;
  const T0 = Date.parse('2026-06-01T00:00:00Z');
  const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();
  const simulatedNow = () => T0 + (Date.now() - realStart) * SCALE;
  const plan = legsFor(CORRIDOR, 'forward', new Date(T0));
  let counter = 0;

  /** Posts a carrier event once the clock has reached its time (never ahead of the clock). */
  const report = async (
    shipmentId: string,
    leg: number,
    kind: string,
    hours: number,
    eventId?: string,
    extra: Record<string, unknown> = {},
  ) => {
    const wait = T0 + hours * HOUR - simulatedNow();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait / SCALE + 5));
    const carrier = carriers.get(plan[leg - 1].carrier)!;
    const body = { eventId: eventId ?? `eta-${++counter}`, shipmentId, leg, kind, occurredAt: at(hours), ...extra };
    const response = await postJson(`${shipments.baseUrl}/v1/carrier-events`, body, carrier);
    expect({ kind, status: response.status }).toEqual({ kind, status: eventId ? expect.any(Number) : 201 });
    return response;
  };
  const book = async () => {
    const booked = await postJson(
      `${shipments.baseUrl}/v1/shipments`,
      {
        corridor: CORRIDOR,
        departureAt: at(0),
        cargo: { commodity: 'cotton yarn', hsCode: '5205.12', packages: 40, weightKg: 20000 },
      },
      shipper,
    );
    expect(booked.status).toBe(201);
    return booked.body.id as string;
  };
  const outbox = async (id: string, type: string) =>
    (
      await query(stack, 'SELECT payload FROM shipments.outbox WHERE subject = $1 AND event_type = $2 ORDER BY seq', [
        id,
        type,
      ])
    ).map((r) => r.payload);
  const predicted = async (id: string) =>
    (await outbox(id, 'shipment.eta.changed')).filter((p) => p.source === 'predicted');
  const segment = async (key: string) =>
    (await query(stack, 'SELECT n, mean_log FROM shipments.eta_segments WHERE segment = $1', [key]))[0];

  beforeAll(async () => {
    stack = await createTestStack('eta');
    shipments = await startTestService(
      'shipments',
      shipmentsModule,
      {
        CLOCK_EPOCH: at(0),
        CLOCK_REAL_START: new Date(realStart).toISOString(),
        CLOCK_SCALE: String(SCALE),
        CUSTOMS_GATE: 'false',
        FOLLOW_UP_SWEEP_INTERVAL_MS: '500',
      },
      stack,
    );
    shipper = await createCaller(stack, { name: 'Faisalabad Yarn', role: 'shipper' });
    for (const code of new Set(plan.map((l) => l.carrier)))
      carriers.set(code, await createCaller(stack, { name: `Carrier ${code}`, role: 'carrier', carrierCode: code }));
  });

  afterAll(async () => {
    await shipments?.stop();
    await stack?.dispose();
  });

  it('learns each leg and dwell once, publishes material changes only, no delay for a usual dwell', async () => {
    const [held, late, watched] = [await book(), await book(), await book()];
    // Planned from T0: leg 1 departs after its dwell at the first crossing, on the plan's time.
    const start = (Date.parse(plan[0].plannedDeparture!) - T0) / HOUR;
    const travel1 = plan[0].travel.typicalHours;
    // A long but usual dwell at the next crossing (under its p90: nine trips in ten wait no longer), longer
    // than the plan's typical one, so the leg after it runs past its planned arrival without being late.
    const dwell2 = Math.max(plan[1].dwell.p90Hours * 0.9, plan[1].dwell.typicalHours + 4);
    const travel2 = plan[1].travel.typicalHours;

    await report(late, 1, 'departure', 0.1);
    // The carrier's own estimate is published beside the prediction, marked as the carrier's.
    await report(late, 1, 'arrival', 0.2, undefined, { classifier: 'EST', estimatedArrival: at(100) });
    expect((await outbox(late, 'shipment.eta.changed')).map((p) => p.source)).toEqual(['predicted', 'carrier']);
    await report(held, 1, 'departure', start);
    const first = await predicted(held);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      legSequence: plan.length,
      source: 'predicted',
      interval: { earliest: expect.any(String), latest: expect.any(String) },
    });
    const { estimatedArrival, interval } = first[0];
    expect(Date.parse(interval.earliest)).toBeLessThan(Date.parse(estimatedArrival));
    expect(Date.parse(interval.latest)).toBeGreaterThan(Date.parse(estimatedArrival));
    // Nothing about the legs changed: no new prediction to publish.
    await report(held, 1, 'exception', start + 1, undefined, { reason: 'tarpaulin torn, repaired on the spot' });
    expect(await predicted(held)).toHaveLength(1);

    // Leg 1 arrives on its typical time: learned once, however often the carrier repeats it.
    const arrival = await report(held, 1, 'arrival', start + travel1, 'arr-held-1');
    expect(arrival.status).toBe(201);
    expect(await segment(`travel:${CORRIDOR}:forward:1`)).toMatchObject({ n: 1 });
    expect((await report(held, 1, 'arrival', start + travel1, 'arr-held-1')).status).toBe(200);
    await report(held, 1, 'arrival', start + 0.1 + travel1);
    expect(await segment(`travel:${CORRIDOR}:forward:1`)).toMatchObject({ n: 1 });

    // The usual dwell at the crossing, then leg 2 on its typical time.
    await report(held, 2, 'departure', start + travel1 + dwell2);
    expect(await segment(segmentsOf(CORRIDOR, plan)[1].dwellKey!)).toMatchObject({ n: 1 });
    await report(held, 2, 'arrival', start + travel1 + dwell2 + travel2);
    await followUpsSettled(stack, { schema: 'shipments', queue: QUEUES.shipmentFollowUps }, [
      `leg-overdue.${held}.1`,
      `leg-overdue.${held}.2`,
    ]);
    const watches = await query(stack, `SELECT id, state, outcome FROM shipments.follow_ups WHERE id LIKE $1`, [
      `leg-overdue.${held}.%`,
    ]);
    expect(watches.map((w) => w.outcome)).toEqual(['not-needed', 'not-needed']);
    expect(await outbox(held, 'shipment.leg.delayed')).toEqual([]);

    // Every prediction published moved materially from the one before it.
    const published = await predicted(held);
    expect(published.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < published.length; i++)
      expect(
        Math.abs(Date.parse(published[i].estimatedArrival) - Date.parse(published[i - 1].estimatedArrival)),
      ).toBeGreaterThan(HOUR);
    const [row] = await query(stack, 'SELECT eta_prediction FROM shipments.shipments WHERE id = $1', [held]);
    expect(row.eta_prediction.arrival).toBe(published[published.length - 1].estimatedArrival);

    // The other shipment never arrives: once past the upper bound of its predicted arrival, one delay.
    await eventually(async () => expect(await outbox(late, 'shipment.leg.delayed')).toHaveLength(1), {
      timeoutMs: 60_000,
    });
    const [delayed] = await outbox(late, 'shipment.leg.delayed');
    const [fired] = await query(stack, `SELECT due_at FROM shipments.follow_ups WHERE id = $1`, [
      `leg-overdue.${late}.1`,
    ]);
    expect(delayed).toMatchObject({ legSequence: 1, plannedArrival: plan[0].plannedArrival });
    // Due past the upper bound of the leg's travel (not at planned arrival + 2 h); the new ETA after that.
    const due = new Date(fired.due_at).getTime();
    expect(due).toBeGreaterThan(T0 + (0.1 + plan[0].travel.p90Hours) * HOUR);
    expect(Date.parse(delayed.estimatedArrival)).toBeGreaterThan(due);
    expect(Date.parse(delayed.estimatedArrival)).toBeLessThan(due + travel1 * HOUR);
    const [lateRow] = await query(stack, 'SELECT legs FROM shipments.shipments WHERE id = $1', [late]);
    expect(lateRow.legs[0].eta).toBe(delayed.estimatedArrival);
    await followUpsSettled(stack, { schema: 'shipments', queue: QUEUES.shipmentFollowUps }, [`leg-overdue.${late}.1`]);
    expect(await outbox(late, 'shipment.leg.delayed')).toHaveLength(1);

    // A third shipment departs once the model has stopped learning (held has arrived, late never will):
    // its delay republishes the prediction in the same transaction, a predicted shipment.eta.changed right
    // after the delay, made from the same prediction as the delay's ETA (the leg's arrival there, the
    // destination's here), and the row's eta_prediction is that one.
    const left = start + travel1 + dwell2 + travel2 + 1;
    await report(watched, 1, 'departure', left);
    await eventually(async () => expect(await outbox(watched, 'shipment.leg.delayed')).toHaveLength(1), {
      timeoutMs: 60_000,
    });
    const events = await query(
      stack,
      `SELECT event_type, payload FROM shipments.outbox WHERE subject = $1 AND event_type = ANY($2) ORDER BY seq`,
      [watched, ['shipment.leg.delayed', 'shipment.eta.changed']],
    );
    const delayIndex = events.findIndex((e) => e.event_type === 'shipment.leg.delayed');
    const watchDelay = events[delayIndex].payload;
    const afterDelay = events.slice(delayIndex + 1);
    expect(afterDelay.map((e) => [e.event_type, e.payload.source])).toEqual([['shipment.eta.changed', 'predicted']]);
    const republished = afterDelay[0].payload;
    const [watch] = await query(stack, `SELECT due_at FROM shipments.follow_ups WHERE id = $1`, [
      `leg-overdue.${watched}.1`,
    ]);
    expect(Date.parse(republished.acceptedAt)).toBeGreaterThanOrEqual(new Date(watch.due_at).getTime());
    const [watchedRow] = await query(stack, 'SELECT legs, eta_prediction FROM shipments.shipments WHERE id = $1', [
      watched,
    ]);
    expect(watchedRow.eta_prediction).toEqual({
      arrival: republished.estimatedArrival,
      earliest: republished.interval.earliest,
      latest: republished.interval.latest,
      asOf: republished.acceptedAt,
    });
    const model = await query(stack, 'SELECT segment, season, n, mean_log, m2_log FROM shipments.eta_segments');
    const table = new Map(
      model.map((r) => [statsId(r.segment, r.season), { n: r.n, meanLog: r.mean_log, m2Log: r.m2_log }]),
    );
    const again = predictArrival(
      watchedRow.legs,
      segmentsOf(CORRIDOR, watchedRow.legs),
      lookupIn(table),
      new Date(republished.acceptedAt),
    )!;
    expect(again.legs[0].arrival).toBe(watchDelay.estimatedArrival);
    expect(again.arrival).toBe(republished.estimatedArrival);
    // Later than first published for it: the leg has run past the upper bound of its travel.
    const [firstWatched] = await predicted(watched);
    expect(Date.parse(republished.estimatedArrival)).toBeGreaterThan(Date.parse(firstWatched.estimatedArrival));
  }, 120_000);
});
