import { Queue } from 'bullmq';
import { Partitioners, type Producer } from 'kafkajs';
import { Webhook } from 'standardwebhooks';
import { QUEUES, topicKeyOf, topicName } from '@lib/contracts';
import type { EventEnvelope } from '@lib/messaging';
import {
  createCaller,
  createTestStack,
  eventually,
  startSmtpCatcher,
  startTestService,
  startWebhookReceiver,
  testKafka,
  type RunningService,
  type SmtpCatcher,
  type TestCaller,
  type TestStack,
  type WebhookReceiver,
} from '@lib/testing';
import { getJson, postJson } from '../../../test/support/bookings';
import { bookedEvent, customsEvent, toKafkaMessage } from '../../../test/support/events';
import { readSse } from '../../../test/support/sse';
import { modules, query } from '../../../test/support/system';
import { DeliveryService } from '../src/delivery/delivery.service';

type Sub = { id: string; secret?: string };

/**
 * Notifications on the real stack: events arrive over Kafka (this test plays the shipments and
 * customs relays), webhooks go to a real HTTP receiver that verifies them with `standardwebhooks`,
 * email to a real SMTP server. Retries run on a short schedule (0 s, 2 s, 2 s, 2 s).
 */
describe('notifications: signed webhooks, email and the live feed', () => {
  let stack: TestStack;
  let notifications: RunningService;
  let smtp: SmtpCatcher;
  let producer: Producer;
  let shipper: TestCaller;
  let other: TestCaller;
  const receivers: WebhookReceiver[] = [];

  const publish = async (...events: EventEnvelope[]) => {
    for (const event of events)
      await producer.send({
        topic: topicName(topicKeyOf(event.type), stack.topicPrefix),
        acks: -1,
        messages: [toKafkaMessage(event)],
      });
  };
  /** A webhook subscription to a fresh receiver that verifies with the secret it was given. */
  const webhook = async (caller: TestCaller, eventTypes = ['*']) => {
    let secrets: string[] = [];
    const receiver = await startWebhookReceiver(() => secrets);
    receivers.push(receiver);
    const created = await postJson(
      `${notifications.baseUrl}/v1/subscriptions`,
      { channel: 'webhook', url: receiver.url, eventTypes },
      caller,
    );
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    secrets = [created.body.secret];
    return { receiver, subscription: created.body as Sub, setSecrets: (s: string[]) => (secrets = s) };
  };
  const notificationsOf = async (sourceEventId: string) =>
    query(
      stack,
      'SELECT id, channel, subscription_id, status, attempts FROM notifications.notifications WHERE source_event_id = $1 ORDER BY channel',
      [sourceEventId],
    );
  const outcomes = async (type: string, notificationId: string) =>
    query(stack, `SELECT payload FROM notifications.outbox WHERE event_type = $1 AND payload->>'notificationId' = $2`, [
      type,
      notificationId,
    ]);
  /** The webhook notification of an event for one subscription (a shipper may have several that match). */
  const webhookOf = async (sourceEventId: string, subscription: Sub) =>
    eventually(async () => {
      const [row] = (await notificationsOf(sourceEventId)).filter((n) => n.subscription_id === subscription.id);
      expect(row).toBeDefined();
      return row as { id: string; status: string };
    });
  const detail = async (id: string, caller = shipper) =>
    (await getJson(`${notifications.baseUrl}/v1/notifications/${id}`, caller)).body;

  beforeAll(async () => {
    stack = await createTestStack('notify');
    smtp = await startSmtpCatcher();
    notifications = await startTestService(
      'notifications',
      modules.notifications,
      {
        WEBHOOK_ALLOW_LOOPBACK: 'true',
        WEBHOOK_RETRY_SCHEDULE: '0s,2s,2s,2s',
        WEBHOOK_TIMEOUT_MS: '500',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        FOLLOW_UP_SWEEP_INTERVAL_MS: '500',
      },
      stack,
    );
    producer = testKafka('notifications-test').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    other = await createCaller(stack, { name: 'Almaty Fruit Terminal', role: 'shipper' });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await notifications?.stop();
    await Promise.all(receivers.map((r) => r.close()));
    await smtp?.close();
    await stack?.dispose();
  });

  it('delivers each event once per channel: a verified webhook for matching types, an email, and the feed', async () => {
    const { receiver, subscription } = await webhook(shipper, ['customs.*']);
    const email = await postJson(
      `${notifications.baseUrl}/v1/subscriptions`,
      { channel: 'email', email: 'ops@bhalwal-kinnow.example' },
      shipper,
    );
    expect(email.status).toBe(201);
    expect(email.body.secret).toBeUndefined();

    const booked = bookedEvent({ shipperId: shipper.tenantId });
    const cleared = customsEvent('customs.cleared', shipper.tenantId, booked.subject);
    await publish(booked, cleared, cleared); // and a redelivery of the same record

    await eventually(() => expect(receiver.delivered).toHaveLength(1));
    const [request] = receiver.requests;
    expect(request.verified).toBe(true);
    expect(request.body).toMatchObject({
      type: 'customs.cleared',
      data: { shipmentId: booked.subject, crossing: 'Torkham', occurredAt: cleared.time, acceptedAt: cleared.time },
    });
    const webhookRow = await webhookOf(cleared.id, subscription);
    expect(request.id).toBe(webhookRow.id);

    await eventually(() =>
      expect(smtp.messages.filter((m) => m.to.includes('ops@bhalwal-kinnow.example'))).toHaveLength(2),
    );
    expect(smtp.messages.map((m) => m.subject).join('\n')).toMatch(/cleared customs at Torkham/);
    await eventually(async () =>
      expect((await notificationsOf(cleared.id)).map((n) => `${n.channel}:${n.status}`)).toEqual([
        'email:delivered',
        'feed:delivered',
        'webhook:delivered',
      ]),
    );
    expect((await notificationsOf(booked.id)).map((n) => n.channel)).toEqual(['email', 'feed']);
    await eventually(async () => expect(await outcomes('notification.delivered', webhookRow.id)).toHaveLength(1));
    // Nothing more comes later (the duplicate record changed nothing).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.requests).toHaveLength(1);
  });

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

  it('records an attempt made several times at once (a retry job beside a sweep) once: one attempt row, one outcome', async () => {
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

  it('marks an exhausted delivery failed (notification.failed), and a replay delivers it with the same webhook-id', async () => {
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
    await expect(
      postJson(`${notifications.baseUrl}/v1/notifications/${row.id}/replay`, {}, shipper),
    ).resolves.toMatchObject({ status: 202, body: { round: 1 } });
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
    await eventually(async () => expect((await notificationsOf(second.id)).length).toBeGreaterThan(0));
    expect(receiver.requests).toHaveLength(1);
  });

  it('signs with both secrets during the grace period after a rotation', async () => {
    const { receiver, subscription, setSecrets } = await webhook(shipper, ['customs.cleared']);
    const rotated = await postJson(
      `${notifications.baseUrl}/v1/subscriptions/${subscription.id}/rotate-secret`,
      {},
      shipper,
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(subscription.secret);
    setSecrets([rotated.body.secret]);
    await publish(customsEvent('customs.cleared', shipper.tenantId));
    await eventually(() => expect(receiver.delivered).toHaveLength(1));
    const [request] = receiver.requests;
    expect(request.signature.split(' ')).toHaveLength(2);
    const headers = {
      'webhook-id': request.id,
      'webhook-timestamp': request.timestamp,
      'webhook-signature': request.signature,
    };
    expect(() => new Webhook(subscription.secret!).verify(request.raw, headers)).not.toThrow();
    expect(() => new Webhook(rotated.body.secret).verify(request.raw, headers)).not.toThrow();
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

  it('refuses private and link-local endpoints, at subscription and again at delivery', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://10.1.2.3/hook',
      'http://[::ffff:192.168.1.1]/hook',
      'ftp://example.com/x',
    ]) {
      const refused = await postJson(`${notifications.baseUrl}/v1/subscriptions`, { channel: 'webhook', url }, shipper);
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0].field).toBe('url');
    }
    // An endpoint that became private after it was accepted (as a DNS answer can change) is refused when connecting.
    const { subscription } = await webhook(other, ['customs.cleared']);
    await query(stack, `UPDATE notifications.subscriptions SET url = 'http://169.254.169.254/hook' WHERE id = $1`, [
      subscription.id,
    ]);
    const cleared = customsEvent('customs.cleared', other.tenantId);
    await publish(cleared);
    const row = await webhookOf(cleared.id, subscription);
    await eventually(async () => expect((await detail(row.id, other)).status).toBe('failed'));
    const { deliveryAttempts } = await detail(row.id, other);
    expect(deliveryAttempts).toEqual([expect.objectContaining({ outcome: 'refused' })]);
  });

  it('shows a shipper only its own subscriptions and notifications', async () => {
    const { subscription } = await webhook(shipper, ['shipment.delivered']);
    await expect(getJson(`${notifications.baseUrl}/v1/subscriptions/${subscription.id}`, other)).resolves.toMatchObject(
      { status: 404 },
    );
    const patched = await fetch(`${notifications.baseUrl}/v1/subscriptions/${subscription.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: other.authorization },
      body: JSON.stringify({ enabled: false }),
    });
    expect(patched.status).toBe(404);
    const theirs = (await getJson(`${notifications.baseUrl}/v1/notifications?limit=500`, other)).body.items;
    const mine = (await getJson(`${notifications.baseUrl}/v1/notifications?limit=500`, shipper)).body.items;
    const mineIds = new Set(mine.map((n: { id: string }) => n.id));
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.some((n: { id: string }) => mineIds.has(n.id))).toBe(false);
    await expect(getJson(`${notifications.baseUrl}/v1/notifications/${mine[0].id}`, other)).resolves.toMatchObject({
      status: 404,
    });
    expect(
      (await getJson(`${notifications.baseUrl}/v1/subscriptions`, other)).body.items.every(
        (s: Sub) => s.id !== subscription.id,
      ),
    ).toBe(true);
  });

  it('streams the feed over SSE and resumes after Last-Event-ID', async () => {
    const reader = await createCaller(stack, { name: 'Kazakh Grain Export', role: 'shipper' });
    const shipmentId = crypto.randomUUID();
    await publish(
      customsEvent('customs.held', reader.tenantId, shipmentId, { reason: 'inspection' }),
      customsEvent('customs.cleared', reader.tenantId, shipmentId),
    );
    const url = `${notifications.baseUrl}/v1/feed`;
    const first = await eventually(async () => {
      const read = await readSse(`${url}?lastEventId=0`, { authorization: reader.authorization }, 2, 3000);
      expect(read.events).toHaveLength(2);
      return read.events;
    });
    expect(first.map((e) => e.event)).toEqual(['customs.held', 'customs.cleared']);
    expect(first[1].data.title).toMatch(/Torkham/);

    // Live: a reader without Last-Event-ID gets what comes next, as it commits.
    const live = readSse(url, { authorization: reader.authorization }, 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await publish(customsEvent('customs.documents.missing', reader.tenantId, shipmentId, { missing: ['tir_carnet'] }));
    const [pushed] = (await live).events;
    expect(pushed.event).toBe('customs.documents.missing');

    // Resumed: what happened while the reader was away, and only that.
    await publish(customsEvent('customs.cleared', reader.tenantId, shipmentId));
    const resumed = await eventually(async () => {
      const read = await readSse(url, { authorization: reader.authorization, 'last-event-id': pushed.id! }, 2, 1500);
      expect(read.events).toHaveLength(1);
      return read.events;
    });
    expect(resumed[0].event).toBe('customs.cleared');
    expect(Number(resumed[0].id)).toBeGreaterThan(Number(pushed.id));
    await expect(
      readSse(url, { authorization: reader.authorization, 'last-event-id': 'yesterday' }, 1, 1000),
    ).resolves.toMatchObject({ status: 422 });
  });
});
