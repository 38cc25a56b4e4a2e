import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Partitioners, type Producer } from 'kafkajs';
import { deadLetterTopicName, topicName } from '@lib/contracts';
import { groupCaughtUp, headerText, readTopicsToEnd } from '@lib/messaging';
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
import { kinnowByAir, postJson } from '../support/bookings';
import { bookedEvent, toKafkaMessage } from '../support/events';
import { effectsPerEvent, query } from '../support/system';

/**
 * The services run as child processes (the built dist/) and are killed with SIGKILL at named points.
 * Whatever the crash, every booking must end with exactly one declaration and one notification.
 */
describe('crash recovery: one effect per ce_id whatever dies', () => {
  const kafka = testKafka('crash-test');
  let stack: TestStack;
  let shipmentsTopic: string;
  let shipper: TestCaller;
  const running = new Set<ChildService>();

  async function start(service: string, env: NodeJS.ProcessEnv = {}): Promise<ChildService> {
    const child = await spawnService(service, stack, env);
    running.add(child);
    void child.exited.then(() => running.delete(child));
    return child;
  }

  async function drained(service: string) {
    await eventually(
      async () => expect(await groupCaughtUp(kafka, `${stack.topicPrefix}${service}`, [shipmentsTopic])).toBe(true),
      {
        timeoutMs: 45_000,
      },
    );
  }

  async function expectOneEffectEach(shipmentIds: string[]) {
    const effects = await effectsPerEvent(stack, shipmentIds);
    expect(effects.declarations).toHaveLength(shipmentIds.length);
    expect(effects.notifications).toHaveLength(shipmentIds.length);
    expect([...effects.declarations, ...effects.notifications].every((row) => row.n === 1)).toBe(true);
  }

  beforeAll(async () => {
    stack = await createTestStack('crash');
    shipmentsTopic = topicName('shipments', stack.topicPrefix);
    shipper = await createCaller(stack, { name: 'Karachi Mango Co', role: 'shipper' });
  });

  afterAll(async () => {
    await Promise.all([...running].map((child) => child.stop()));
    await stack?.dispose();
  });

  it('(a) relay killed after publishing, before marking the row: republished on restart, applied once', async () => {
    const shipments = await start('shipments', { FAULT_POINTS: 'relay.after-publish' });
    await Promise.all([start('customs'), start('notifications')]);

    const booked = await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowByAir(), shipper);
    expect(booked.status).toBe(201);
    await expect(shipments.exited).resolves.toEqual({ code: null, signal: 'SIGKILL' });
    const [row] = await query(stack, 'SELECT event_id, published_at FROM shipments.outbox WHERE subject = $1', [
      booked.body.id,
    ]);
    expect(row.published_at).toBeNull();

    await start('shipments');
    await eventually(async () => {
      const [again] = await query(stack, 'SELECT published_at FROM shipments.outbox WHERE subject = $1', [
        booked.body.id,
      ]);
      expect(again.published_at).not.toBeNull();
    });
    const copies = (await readTopicsToEnd(kafka, [shipmentsTopic])).filter(
      (r) => headerText(r.message.headers, 'ce_id') === row.event_id,
    );
    expect(copies).toHaveLength(2);
    await drained('customs');
    await drained('notifications');
    await expectOneEffectEach([booked.body.id]);
  });

  it('(b) consumer killed after its database commit, before the offset commit: redelivered, applied once', async () => {
    const shipments = [...running].find((c) => c.service === 'shipments')!;
    await [...running].find((c) => c.service === 'customs')!.stop();
    const customs = await start('customs', { FAULT_POINTS: 'consumer.after-commit' });

    const booked = await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowByAir(), shipper);
    expect(booked.status).toBe(201);
    await expect(customs.exited).resolves.toEqual({ code: null, signal: 'SIGKILL' });
    const committed = await query(stack, 'SELECT count(*)::int AS n FROM customs.declarations WHERE shipment_id = $1', [
      booked.body.id,
    ]);
    expect(committed[0].n).toBe(1);
    expect(await groupCaughtUp(kafka, `${stack.topicPrefix}customs`, [shipmentsTopic])).toBe(false);

    await start('customs');
    await drained('customs');
    await drained('notifications');
    await expectOneEffectEach([booked.body.id]);
  });

  it('(c) poison record dead-lettered with its error, later ones flow, replay after the fix applies once', async () => {
    await [...running].find((c) => c.service === 'customs')!.stop();
    const poison = bookedEvent();
    await start('customs', { FAULT_POISON_SUBJECTS: poison.subject });
    const after = [bookedEvent(), bookedEvent(), bookedEvent()];
    const producer: Producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      // Everything on partition 0, behind the poison, plus a record that is not even a CloudEvent.
      await producer.send({
        topic: shipmentsTopic,
        acks: -1,
        messages: [
          { ...toKafkaMessage(poison), partition: 0 },
          { key: 'garbage', value: 'not json', headers: { ce_specversion: '1.0' }, partition: 0 },
          ...after.map((event) => ({ ...toKafkaMessage(event), partition: 0 })),
        ],
      });
    } finally {
      await producer.disconnect();
    }

    await drained('customs');
    const flowed = await query(
      stack,
      'SELECT shipment_id FROM customs.declarations WHERE shipment_id = ANY($1::uuid[])',
      [after.map((e) => e.subject)],
    );
    expect(flowed).toHaveLength(3);

    const letters = await readTopicsToEnd(kafka, [deadLetterTopicName(shipmentsTopic)]);
    const poisoned = letters.find((r) => headerText(r.message.headers, 'ce_id') === poison.id)!;
    expect(poisoned).toBeDefined();
    expect(headerText(poisoned.message.headers, 'dlq_error')).toContain(`poison subject ${poison.subject}`);
    expect(headerText(poisoned.message.headers, 'dlq_attempts')).toBe('5');
    expect(headerText(poisoned.message.headers, 'dlq_origin_topic')).toBe(shipmentsTopic);
    expect(headerText(poisoned.message.headers, 'dlq_origin_partition')).toBe('0');
    expect(headerText(poisoned.message.headers, 'dlq_consumer')).toBe('customs');
    expect(headerText(poisoned.message.headers, 'ce_type')).toBe('shipment.booked');
    const garbage = letters.find((r) => r.message.key?.toString() === 'garbage')!;
    expect(headerText(garbage.message.headers, 'dlq_error_type')).toBe('MalformedEventError');
    expect(headerText(garbage.message.headers, 'dlq_attempts')).toBe('1');

    // The fix ships: customs restarts without the bug, and the operator replays the dead letter — twice.
    await [...running].find((c) => c.service === 'customs')!.stop();
    await start('customs');
    const ref = `${deadLetterTopicName(shipmentsTopic)}:${poisoned.partition}:${poisoned.message.offset}`;
    const ops = (...args: string[]) =>
      promisify(execFile)(process.execPath, [join(__dirname, '../../dist/apps/ops/src/main.js'), 'dlq', ...args], {
        env: { PATH: process.env.PATH, KAFKA_TOPIC_PREFIX: stack.topicPrefix },
      });
    const listed = await ops('list');
    expect(listed.stdout).toContain(ref);
    expect(listed.stdout).toContain(`poison subject ${poison.subject}`);
    await expect(ops('replay', ref)).resolves.toMatchObject({
      stdout: expect.stringContaining(`replayed ${ref} → ${shipmentsTopic}`),
    });
    await drained('customs');
    await expect(ops('replay', ref)).resolves.toMatchObject({ stdout: expect.stringContaining('1 replayed') });
    await drained('customs');
    await drained('notifications');
    await expectOneEffectEach([poison.subject, ...after.map((e) => e.subject)]);
  });
});
