import { Queue } from 'bullmq';
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

const EPOCH = Date.parse('2026-11-20T00:00:00Z');
const hours = (h: number) => new Date(EPOCH + h * 3600_000).toISOString();

/**
 * BullMQ follow-ups on the shared clock: ten simulated hours per real second. A leg is overdue past the
 * upper bound of its predicted arrival (apps/shipments/src/eta), not at planned arrival + grace: a road
 * leg of the shipper's own (no corridor, so the mode's 72 h typical, 120 h p90) is declared delayed some
 * 140 simulated hours after departure, about 14 s after start — once, even if Redis loses the job meanwhile.
 */
describe('follow-ups: overdue legs and shelf life, recoverable from Postgres', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let shipper: TestCaller;
  let nlc: TestCaller;
  const ids: Record<'late' | 'onTime' | 'redisLost', string> = { late: '', onTime: '', redisLost: '' };

  const book = async (plannedArrivalHour: number, shelfLifeDays = 28) => {
    const body = kinnowTransAfghan({
      cargo: {
        commodity: 'kinnow',
        hsCode: '0805.21',
        packages: 10,
        weightKg: 100,
        perishable: { minCelsius: 4, maxCelsius: 8, shelfLifeDays },
      },
    });
    const legs = body.legs.map((leg, index) =>
      index === 0 ? { ...leg, plannedArrival: hours(plannedArrivalHour) } : leg,
    );
    const booked = await postJson(`${shipments.baseUrl}/v1/shipments`, { ...body, legs }, shipper);
    expect(booked.status).toBe(201);
    return booked.body.id as string;
  };
  const depart = (id: string, eventId: string) =>
    postJson(
      `${shipments.baseUrl}/v1/carrier-events`,
      { eventId, shipmentId: id, leg: 1, kind: 'departure', occurredAt: hours(0) },
      nlc,
    );
  const published = async (id: string, type: string) =>
    (
      await query(stack, 'SELECT count(*)::int AS n FROM shipments.outbox WHERE subject = $1 AND event_type = $2', [
        id,
        type,
      ])
    )[0].n as number;

  beforeAll(async () => {
    stack = await createTestStack('followups');
    shipments = await startTestService(
      'shipments',
      shipmentsModule,
      {
        CLOCK_EPOCH: hours(0),
        CLOCK_SCALE: '36000',
        LEG_OVERDUE_GRACE_MS: String(2 * 3600_000),
        FOLLOW_UP_SWEEP_INTERVAL_MS: '500',
      },
      stack,
    );
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    nlc = await createCaller(stack, { name: 'National Logistics Cell', role: 'carrier', carrierCode: 'NLC' });
    ids.late = await book(6, 1);
    ids.onTime = await book(6);
    ids.redisLost = await book(10);
    for (const [name, id] of Object.entries(ids)) expect((await depart(id, `dep-${name}`)).status).toBe(201);
    // 6 simulated minutes after departure: never ahead of the clock, however fast the test got here.
    const arrived = await postJson(
      `${shipments.baseUrl}/v1/carrier-events`,
      { eventId: 'arr-ontime', shipmentId: ids.onTime, leg: 1, kind: 'arrival', occurredAt: hours(0.1) },
      nlc,
    );
    expect(arrived.status).toBe(201);
  });

  afterAll(async () => {
    await shipments?.stop();
    await stack?.dispose();
  });

  // First, while every leg's watch is still ahead: the lost jobs are the ones that have yet to fire.
  it('still fires once after Redis loses the queued job (rebuilt from Postgres by the sweep)', async () => {
    const [pending] = await query(stack, `SELECT state FROM shipments.follow_ups WHERE id = $1`, [
      `leg-overdue.${ids.redisLost}.1`,
    ]);
    expect(pending.state).toBe('pending');
    const queue = new Queue(QUEUES.shipmentFollowUps, {
      prefix: stack.bullmqPrefix,
      connection: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    });
    try {
      await queue.obliterate({ force: true });
    } finally {
      await queue.close();
    }
    await eventually(async () => expect(await published(ids.redisLost, 'shipment.leg.delayed')).toBe(1), {
      timeoutMs: 30_000,
    });
    const [row] = await query(stack, `SELECT state, outcome FROM shipments.follow_ups WHERE id = $1`, [
      `leg-overdue.${ids.redisLost}.1`,
    ]);
    expect(row).toEqual({ state: 'done', outcome: 'fired' });
  });

  it('does not fire for a leg that arrived in time', async () => {
    await eventually(
      async () => {
        const [row] = await query(stack, `SELECT state, outcome FROM shipments.follow_ups WHERE id = $1`, [
          `leg-overdue.${ids.onTime}.1`,
        ]);
        expect(row).toEqual({ state: 'done', outcome: 'not-needed' });
      },
      { timeoutMs: 30_000 },
    );
    expect(await published(ids.onTime, 'shipment.leg.delayed')).toBe(0);
  });

  it('declares an overdue leg delayed once, with a new ETA', async () => {
    await eventually(async () => expect(await published(ids.late, 'shipment.leg.delayed')).toBe(1), {
      timeoutMs: 30_000,
    });
    const [event] = await query(
      stack,
      `SELECT payload FROM shipments.outbox WHERE subject = $1 AND event_type = 'shipment.leg.delayed'`,
      [ids.late],
    );
    expect(event.payload).toMatchObject({
      legSequence: 1,
      plannedArrival: hours(6),
      estimatedArrival: expect.any(String),
    });
    // The plan said +6 h; the prediction (a road leg's 120 h p90 already passed) says later than that.
    expect(Date.parse(event.payload.estimatedArrival)).toBeGreaterThan(Date.parse(hours(120)));
    const [watch] = await query(stack, `SELECT due_at FROM shipments.follow_ups WHERE id = $1`, [
      `leg-overdue.${ids.late}.1`,
    ]);
    expect(new Date(watch.due_at).getTime()).toBeGreaterThan(Date.parse(hours(120)));
  });

  it('warns once when a perishable is still on the road late in its shelf life', async () => {
    await eventually(async () => expect(await published(ids.late, 'shipment.shelf_life.at_risk')).toBe(1), {
      timeoutMs: 30_000,
    });
    // Once neither follow-up of the shipment can fire again, each has raised its event once.
    await followUpsSettled(stack, { schema: 'shipments', queue: QUEUES.shipmentFollowUps }, [
      `shelf-life.${ids.late}`,
      `leg-overdue.${ids.late}.1`,
    ]);
    expect(await published(ids.late, 'shipment.shelf_life.at_risk')).toBe(1);
    expect(await published(ids.late, 'shipment.leg.delayed')).toBe(1);
  });
});
