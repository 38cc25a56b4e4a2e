import { randomUUID } from 'node:crypto';
import { Partitioners, type Producer } from 'kafkajs';
import { QUEUES, topicName, type LegSummary } from '@lib/contracts';
import type { EventEnvelope } from '@lib/messaging';
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
import { getJson, postJson } from '../../../test/support/bookings';
import { kinnowTransAfghan } from '../../../test/support/corridor-bookings';
import { followUpsSettled } from '../../../test/support/follow-ups';
import { query } from '../../../test/support/database';
import { bookedEvent, toKafkaMessage } from '../../../test/support/events';
import { customsModule } from './customs-module';

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
  let producer: Producer;
  let customs: RunningService;
  let shipper: TestCaller;
  let broker: TestCaller;
  let officer: TestCaller;
  let realStart: number;
  const simulatedNow = () => new Date(EPOCH + (Date.now() - realStart) * SCALE).toISOString();
  /** Whole simulated hours from now, so the expectation is exact whatever the test's pace. */
  const hoursFromNow = (h: number) =>
    new Date((Math.ceil(Date.parse(simulatedNow()) / 3600_000) + h) * 3600_000).toISOString();

  /** Plays the shipments relay: customs learns of bookings and arrivals over Kafka only. */
  const publish = (event: EventEnvelope) =>
    producer.send({ topic: topicName('shipments', stack.topicPrefix), acks: -1, messages: [toKafkaMessage(event)] });
  const book = async (expectedAtTorkham: string) => {
    const { cargo, legs } = kinnowTransAfghan();
    const booked = bookedEvent({
      shipperId: shipper.tenantId,
      cargo,
      legs: legs.map((leg, index) => ({
        ...(leg as Omit<LegSummary, 'sequence'>),
        sequence: index + 1,
        ...(index === 0 ? { plannedArrival: expectedAtTorkham } : {}),
      })),
    });
    await publish(booked);
    return booked.subject;
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
  /** The cargo reaches Torkham (the start of leg 2, where it is cleared) now on the simulated clock. */
  const reachTorkham = async (shipmentId: string) => {
    const occurredAt = simulatedNow();
    await publish({
      id: randomUUID(),
      type: 'shipment.border.reached',
      source: '/shipments',
      subject: shipmentId,
      time: occurredAt,
      data: {
        shipmentId,
        shipperId: shipper.tenantId,
        legSequence: 2,
        carrier: 'TCS',
        location: { locode: 'PKTOR', name: 'Torkham' },
        crossing: 'Torkham',
        occurredAt,
        acceptedAt: occurredAt,
      },
    });
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
    customs = await startTestService(
      'customs',
      customsModule,
      { ...clock, CLEARANCE_SLA_HOURS: 'perishable=3,default=48', DOCUMENT_REMINDER_LEAD_MS: String(2 * 3600_000) },
      stack,
    );
    producer = testKafka('customs-follow-ups').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    broker = await createCaller(stack, {
      name: 'Khyber Clearing Agency',
      role: 'customs_broker',
      actsFor: [shipper.tenantId],
    });
    officer = await createCaller(stack, { name: 'Torkham customs', role: 'customs_officer', crossing: 'Torkham' });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await customs?.stop();
    await stack?.dispose();
  });

  it('reminds the broker once before arrival while papers miss, then breaches the SLA once as it waits', async () => {
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
    await reachTorkham(shipmentId);
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

    // Sweeps keep running (every 0.5 s) but re-add only pending follow-ups: once both are done and no
    // job of theirs is left in BullMQ, nothing can raise them again.
    await followUpsSettled(stack, { schema: 'customs', queue: QUEUES.customsFollowUps }, [
      `documents-reminder.${declaration.id}`,
      `clearance-sla.${declaration.id}`,
    ]);
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

    await reachTorkham(shipmentId);
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
