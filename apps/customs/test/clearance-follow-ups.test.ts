import {
  createCaller,
  createTestStack,
  eventually,
  startTestService,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { getJson, postJson } from '../../../test/support/bookings';
import { kinnowTransAfghan } from '../../../test/support/corridor-bookings';
import { modules, query } from '../../../test/support/system';

const EPOCH = Date.parse('2026-11-20T00:00:00Z');
const SCALE = 3600;
const hours = (h: number) => new Date(EPOCH + h * 3600_000).toISOString();

/**
 * Customs follow-ups on the shared clock (one simulated hour per real second): a reminder two hours
 * before kinnow is expected at Torkham while documents are missing, and a 3-hour clearance SLA for
 * perishables after arrival — each raised once, and not at all when the world moved on.
 */
describe('customs follow-ups: document reminders and the clearance SLA', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let customs: RunningService;
  let shipper: TestCaller;
  let broker: TestCaller;
  let officer: TestCaller;
  let nlc: TestCaller;
  let tcs: TestCaller;
  let realStart: number;
  const simulatedNow = () => new Date(EPOCH + (Date.now() - realStart) * SCALE).toISOString();
  /** Whole simulated hours from now, so the expectation is exact whatever the test's pace. */
  const hoursFromNow = (h: number) =>
    new Date((Math.ceil(Date.parse(simulatedNow()) / 3600_000) + h) * 3600_000).toISOString();

  const book = async (expectedAtTorkham: string) => {
    const body = kinnowTransAfghan();
    const legs = body.legs.map((leg, index) => (index === 0 ? { ...leg, plannedArrival: expectedAtTorkham } : leg));
    const booked = await postJson(`${shipments.baseUrl}/v1/shipments`, { ...body, legs }, shipper);
    expect(booked.status).toBe(201);
    return booked.body.id as string;
  };
  const torkham = (shipmentId: string) =>
    eventually(async () => {
      const { body } = await getJson(`${customs.baseUrl}/v1/declarations?shipmentId=${shipmentId}`, broker);
      expect(body.items).toHaveLength(1);
      return body.items[0] as { id: string; requiredDocuments: string[]; expectedAt: string | null };
    });
  const attachAll = async (declaration: { id: string; requiredDocuments: string[] }) => {
    for (const type of declaration.requiredDocuments) {
      expect(
        (
          await postJson(
            `${customs.baseUrl}/v1/declarations/${declaration.id}/documents`,
            { type, reference: `${type}-1`, issuer: 'issuer' },
            broker,
          )
        ).status,
      ).toBe(200);
    }
  };
  const reachTorkham = async (shipmentId: string, tag: string) => {
    const post = (leg: number, kind: string) =>
      postJson(
        `${shipments.baseUrl}/v1/carrier-events`,
        { eventId: `${tag}-${leg}-${kind}`, shipmentId, leg, kind, occurredAt: simulatedNow() },
        leg === 1 ? nlc : tcs,
      );
    expect((await post(1, 'departure')).status).toBe(201);
    expect((await post(2, 'border_arrival')).status).toBe(201);
  };
  const published = async (shipmentId: string, type: string) =>
    (
      await query(stack, 'SELECT payload FROM customs.outbox WHERE subject = $1 AND event_type = $2 ORDER BY seq', [
        shipmentId,
        type,
      ])
    ).map((r) => r.payload);
  const followUp = async (declarationId: string, kind: string) =>
    (
      await query(stack, 'SELECT state, outcome, due_at FROM customs.follow_ups WHERE subject_id = $1 AND kind = $2', [
        declarationId,
        kind,
      ])
    )[0];

  beforeAll(async () => {
    stack = await createTestStack('customsfollowups');
    realStart = Date.now();
    const clock = {
      CLOCK_EPOCH: hours(0),
      CLOCK_SCALE: String(SCALE),
      CLOCK_REAL_START: new Date(realStart).toISOString(),
      FOLLOW_UP_SWEEP_INTERVAL_MS: '500',
    };
    [shipments, customs] = await Promise.all([
      startTestService('shipments', modules.shipments, clock, stack),
      startTestService(
        'customs',
        modules.customs,
        { ...clock, CLEARANCE_SLA_HOURS: 'perishable=3,default=48', DOCUMENT_REMINDER_LEAD_MS: String(2 * 3600_000) },
        stack,
      ),
    ]);
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    broker = await createCaller(stack, {
      name: 'Khyber Clearing Agency',
      role: 'customs_broker',
      actsFor: [shipper.tenantId],
    });
    officer = await createCaller(stack, { name: 'Torkham customs', role: 'customs_officer', crossing: 'Torkham' });
    nlc = await createCaller(stack, { name: 'NLC', role: 'carrier', carrierCode: 'NLC' });
    tcs = await createCaller(stack, { name: 'TCS', role: 'carrier', carrierCode: 'TCS' });
  });

  afterAll(async () => {
    await Promise.all([shipments, customs].map((s) => s?.stop()));
    await stack?.dispose();
  });

  it('reminds the broker once before arrival while documents are missing, then breaches the SLA once while the cargo waits', async () => {
    const expectedAt = hoursFromNow(4);
    const shipmentId = await book(expectedAt);
    const declaration = await torkham(shipmentId);
    expect(declaration.expectedAt).toBe(expectedAt);

    const reminders = await eventually(
      async () => {
        const found = await published(shipmentId, 'customs.documents.missing');
        expect(found).toHaveLength(1);
        return found;
      },
      { timeoutMs: 15_000 },
    );
    expect(reminders[0]).toMatchObject({
      declarationId: declaration.id,
      crossing: 'Torkham',
      stage: 'reminder',
      expectedAt,
    });
    expect(reminders[0].missing).toContain('phytosanitary_certificate');

    await attachAll(declaration);
    await reachTorkham(shipmentId, 'late');
    const breaches = await eventually(
      async () => {
        const found = await published(shipmentId, 'customs.sla.breached');
        expect(found).toHaveLength(1);
        return found;
      },
      { timeoutMs: 15_000 },
    );
    expect(breaches[0]).toMatchObject({ declarationId: declaration.id, status: 'ARRIVED' });
    expect(Date.parse(breaches[0].deadline) - Date.parse(breaches[0].arrivedAt)).toBe(3 * 3600_000);

    // Sweeps keep running (every 0.5 s): a done follow-up is never raised again.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await published(shipmentId, 'customs.sla.breached')).toHaveLength(1);
    expect(await published(shipmentId, 'customs.documents.missing')).toHaveLength(1);
    expect(await followUp(declaration.id, 'clearance_sla')).toMatchObject({ state: 'done', outcome: 'fired' });

    // A late clearance still opens the gate.
    expect((await postJson(`${customs.baseUrl}/v1/declarations/${declaration.id}/clear`, {}, officer)).status).toBe(
      200,
    );
  });

  it('raises nothing when the documents come before the reminder and the officer decides within the SLA', async () => {
    const shipmentId = await book(hoursFromNow(8));
    const declaration = await torkham(shipmentId);
    await attachAll(declaration);
    await eventually(
      async () =>
        expect(await followUp(declaration.id, 'documents_reminder')).toMatchObject({
          state: 'done',
          outcome: 'not-needed',
        }),
      { timeoutMs: 15_000 },
    );

    await reachTorkham(shipmentId, 'prompt');
    await eventually(async () =>
      expect((await postJson(`${customs.baseUrl}/v1/declarations/${declaration.id}/clear`, {}, officer)).status).toBe(
        200,
      ),
    );
    await eventually(
      async () =>
        expect(await followUp(declaration.id, 'clearance_sla')).toMatchObject({ state: 'done', outcome: 'not-needed' }),
      { timeoutMs: 15_000 },
    );
    expect(await published(shipmentId, 'customs.documents.missing')).toHaveLength(0);
    expect(await published(shipmentId, 'customs.sla.breached')).toHaveLength(0);
  });
});
