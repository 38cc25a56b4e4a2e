import { Queue } from 'bullmq';
import { QUEUES } from '@lib/contracts';
import type { EventEnvelope } from '@lib/messaging';
import { createCaller, eventually, type RunningService, type TestCaller, type TestStack } from '@lib/testing';
import { getJson, postJson } from '../../../test/support/bookings';
import { query } from '../../../test/support/database';
import { customsEvent } from '../../../test/support/events';
import { DeliveryService } from '../src/delivery/delivery.service';
import { startNotificationsHarness, type NotificationsHarness, type Sub } from './notifications-harness';

/**
 * Webhook delivery when the receiver fails: retries on a short schedule (0 s, 2 s, 2 s, 2 s) with the
 * same webhook-id, each attempt recorded once, exhaustion and replay, 410 Gone, and Redis lost mid-retry.
 */
describe('notifications: webhook retries', () => {
  let harness: NotificationsHarness;
  let stack: TestStack;
  let notifications: RunningService;
  let shipper: TestCaller;
  let other: TestCaller;
  const publish = (...events: EventEnvelope[]) => harness.publish(...events);
  const webhook = (caller: TestCaller, eventTypes?: string[]) => harness.webhook(caller, eventTypes);
  const webhookOf = (sourceEventId: string, subscription: Sub) => harness.webhookOf(sourceEventId, subscription);
  const detail = async (id: string, caller = shipper) =>
    (await getJson(`${notifications.baseUrl}/v1/notifications/${id}`, caller)).body;
  const outcomes = (type: string, notificationId: string) => harness.outcomes(type, notificationId);
  const notificationsOf = (sourceEventId: string) => harness.notificationsOf(sourceEventId);

  beforeAll(async () => {
    harness = await startNotificationsHarness('notify_retries', {
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      WEBHOOK_RETRY_SCHEDULE: '0s,2s,2s,2s',
      WEBHOOK_TIMEOUT_MS: '500',
      FOLLOW_UP_SWEEP_INTERVAL_MS: '500',
    });
    ({ stack, notifications } = harness);
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    other = await createCaller(stack, { name: 'Almaty Fruit Terminal', role: 'shipper' });
  });

  afterAll(() => harness?.close());

  it('retries after a 500 and a timeout with the same webhook-id, recording every attempt', async () => {
    const { receiver, subscription } = await webhook(shipper, ['customs.held']);
    receiver.respondWith(500, 1); // the first attempt fails at once,
    receiver.delayNext(0, 1);
    receiver.delayNext(1500, 1); // the second outlives WEBHOOK_TIMEOUT_MS
    const held = customsEvent('customs.held', shipper.tenantId, undefined, {
      reason: 'documents missing: phytosanitary_certificate',
    });
    await publish(held);
    const row = await webhookOf(held.id, subscription);
    await eventually(async () => expect((await detail(row.id)).status).toBe('delivered'), { timeoutMs: 15_000 });
    const { deliveryAttempts } = await detail(row.id);
    expect(
      deliveryAttempts.map((a: { outcome: string; statusCode: number | null }) => [a.outcome, a.statusCode]),
    ).toEqual([
      ['failed', 500],
      ['failed', null],
      ['delivered', 200],
    ]);
    expect(deliveryAttempts[1].error).toMatch(/timeout/);
    expect(new Set(receiver.requests.map((r) => r.id))).toEqual(new Set([row.id]));
    expect(receiver.requests.every((r) => r.verified)).toBe(true);
  });

  it('records an attempt made several times at once (a retry beside a sweep) once: one row, one outcome', async () => {
    const owner = await createCaller(stack, { name: 'Chaman Dates', role: 'shipper' });
    const { receiver, subscription } = await webhook(owner, ['customs.cleared']);
    receiver.respondWith(500, 1);
    const cleared = customsEvent('customs.cleared', owner.tenantId);
    await publish(cleared);
    const row = await webhookOf(cleared.id, subscription);
    await eventually(async () => expect((await detail(row.id, owner)).attempts).toBe(1), { intervalMs: 20 });
    // Due now, and every copy is on the wire before any of them records.
    await query(stack, 'UPDATE notifications.notifications SET next_attempt_at = now() WHERE id = $1', [row.id]);
    receiver.delayNext(150, 10);
    const deliveries = notifications.app.get(DeliveryService);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => deliveries.attempt({ notificationId: row.id, round: 0, attempt: 2 })),
    );
    expect(results.filter((r) => r.outcome === 'delivered')).toHaveLength(1);
    expect(results.filter((r) => r.outcome !== 'delivered').every((r) => r.outcome === 'stale')).toBe(true);
    expect(receiver.requests.length).toBeGreaterThanOrEqual(6);
    expect(new Set(receiver.requests.map((r) => r.id))).toEqual(new Set([row.id]));
    const attempts = await query(
      stack,
      'SELECT attempt, outcome FROM notifications.delivery_attempts WHERE notification_id = $1 ORDER BY attempt',
      [row.id],
    );
    expect(attempts).toEqual([
      { attempt: 1, outcome: 'failed' },
      { attempt: 2, outcome: 'delivered' },
    ]);
    await expect(detail(row.id, owner)).resolves.toMatchObject({ status: 'delivered', attempts: 2 });
    expect(await outcomes('notification.delivered', row.id)).toHaveLength(1);
  });

  it('fails an exhausted delivery (notification.failed); a replay delivers it with the same webhook-id', async () => {
    const { receiver, subscription } = await webhook(shipper, ['customs.documents.missing']);
    receiver.respondWith(503, 4);
    const missing = customsEvent('customs.documents.missing', shipper.tenantId, undefined, {
      missing: ['phytosanitary_certificate'],
      stage: 'reminder',
    });
    await publish(missing);
    const row = await webhookOf(missing.id, subscription);
    await eventually(async () => expect((await detail(row.id)).status).toBe('failed'), { timeoutMs: 20_000 });
    expect((await detail(row.id)).attempts).toBe(4);
    await eventually(async () => expect(await outcomes('notification.failed', row.id)).toHaveLength(1));

    await expect(
      postJson(`${notifications.baseUrl}/v1/notifications/${row.id}/replay`, {}, other),
    ).resolves.toMatchObject({ status: 404 });
    // A replay retried with its Idempotency-Key (the answer was lost) gets the first answer, not a second round.
    const replayKey = { 'idempotency-key': `replay-${row.id}` };
    const replay = () => postJson(`${notifications.baseUrl}/v1/notifications/${row.id}/replay`, {}, shipper, replayKey);
    await expect(replay()).resolves.toMatchObject({ status: 202, body: { round: 1 } });
    const retried = await replay();
    expect({
      status: retried.status,
      body: retried.body,
      replayed: retried.headers.get('idempotent-replayed'),
    }).toEqual({ status: 202, body: { id: row.id, round: 1 }, replayed: 'true' });
    await eventually(async () => expect((await detail(row.id)).status).toBe('delivered'));
    expect(receiver.delivered.map((r) => r.id)).toEqual([row.id]);
    expect(receiver.requests).toHaveLength(5);
  });

  it('a 410 disables the endpoint: no retries, and later events are not sent there', async () => {
    const { receiver, subscription } = await webhook(shipper, ['customs.cleared']);
    receiver.respondWith(410, 1);
    const first = customsEvent('customs.cleared', shipper.tenantId);
    await publish(first);
    const row = await webhookOf(first.id, subscription);
    await eventually(async () => expect((await detail(row.id)).status).toBe('failed'));
    await expect(
      getJson(`${notifications.baseUrl}/v1/subscriptions/${subscription.id}`, shipper),
    ).resolves.toMatchObject({
      body: { enabled: false, disabledReason: 'endpoint answered 410 Gone' },
    });
    const second = customsEvent('customs.cleared', shipper.tenantId);
    await publish(second);
    // An event's notifications are written in one transaction: once any is there, all are — none for this endpoint.
    await eventually(async () => expect((await notificationsOf(second.id)).length).toBeGreaterThan(0));
    expect((await notificationsOf(second.id)).filter((n) => n.subscription_id === subscription.id)).toEqual([]);
    expect(receiver.requests).toHaveLength(1);
  });

  it('loses nothing when Redis is emptied mid-retry: the pending delivery is rebuilt from Postgres', async () => {
    const { receiver, subscription } = await webhook(shipper, ['customs.held']);
    receiver.respondWith(500, 1);
    const held = customsEvent('customs.held', shipper.tenantId, undefined, { reason: 'seal mismatch' });
    await publish(held);
    const row = await webhookOf(held.id, subscription);
    await eventually(async () => expect((await detail(row.id)).attempts).toBe(1), { intervalMs: 20 });
    const queue = new Queue(QUEUES.notificationDeliveries, {
      connection: { url: stack.env.REDIS_URL! },
      prefix: stack.bullmqPrefix,
    });
    await queue.obliterate({ force: true });
    await queue.close();
    await eventually(async () => expect((await detail(row.id)).status).toBe('delivered'), { timeoutMs: 15_000 });
    expect(receiver.delivered.map((r) => r.id)).toEqual([row.id]);
  });
});
