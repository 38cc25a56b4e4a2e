import { setTimeout as sleep } from 'node:timers/promises';
import { Partitioners, type Producer } from 'kafkajs';
import { Webhook } from 'standardwebhooks';
import { topicKeyOf, topicName } from '@lib/contracts';
import {
  createCaller,
  createTestStack,
  eventually,
  startTestService,
  startWebhookReceiver,
  testKafka,
  type ReceivedWebhook,
  type RunningService,
  type TestCaller,
  type TestStack,
  type WebhookReceiver,
} from '@lib/testing';
import { postJson } from '../../../test/support/bookings';
import { customsEvent, toKafkaMessage } from '../../../test/support/events';
import { query } from '../../../test/support/database';
import { notificationsModule } from './notifications-harness';

const GRACE_MS = 6_000;
const PER_SHIPPER = 5;

/**
 * Subscriptions' limits and promises over HTTP: secrets rotated out sign until their own expiry, and the
 * cap per shipper.
 */
describe('notifications: subscription secrets and limits', () => {
  let stack: TestStack;
  let notifications: RunningService;
  let producer: Producer;
  const receivers: WebhookReceiver[] = [];

  const subscribe = (caller: TestCaller, body: Record<string, unknown>) =>
    postJson(`${notifications.baseUrl}/v1/subscriptions`, body, caller);
  const rotate = (caller: TestCaller, id: string) =>
    postJson(`${notifications.baseUrl}/v1/subscriptions/${id}/rotate-secret`, {}, caller);
  /** Which of `secrets` verify the request (as a receiver holding that secret would, with `standardwebhooks`). */
  const verifiedBy = (request: ReceivedWebhook, secrets: Record<string, string>) =>
    Object.entries(secrets)
      .filter(([, secret]) => {
        try {
          new Webhook(secret).verify(request.raw, {
            'webhook-id': request.id,
            'webhook-timestamp': request.timestamp,
            'webhook-signature': request.signature,
          });
          return true;
        } catch {
          return false;
        }
      })
      .map(([name]) => name);

  beforeAll(async () => {
    stack = await createTestStack('subs');
    notifications = await startTestService(
      'notifications',
      notificationsModule,
      {
        WEBHOOK_ALLOW_LOOPBACK: 'true',
        // Simulated time runs at wall-clock speed here: a rotated-out secret signs for 6 real seconds.
        WEBHOOK_SECRET_GRACE_MS: String(GRACE_MS),
        SUBSCRIPTIONS_PER_SHIPPER: String(PER_SHIPPER),
      },
      stack,
    );
    producer = testKafka('subscriptions-test').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await notifications?.stop();
    await Promise.all(receivers.map((r) => r.close()));
    await stack?.dispose();
  });

  it('keeps signing with every rotated-out secret until its own expiry, and not after', async () => {
    const shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    const receiver = await startWebhookReceiver(() => []);
    receivers.push(receiver);
    const created = await subscribe(shipper, {
      channel: 'webhook',
      url: receiver.url,
      eventTypes: ['customs.cleared'],
    });
    expect(created.status).toBe(201);
    const { id } = created.body;
    const first: string = created.body.secret;

    // Two rotations within the grace period, some seconds apart: each old secret has its own expiry.
    const once = await rotate(shipper, id);
    await sleep(3_000);
    const twice = await rotate(shipper, id);
    expect([once.status, twice.status]).toEqual([200, 200]);
    const secrets = { first, second: once.body.secret as string, third: twice.body.secret as string };
    const firstUntil = Date.parse(once.body.previousSecretUntil);
    const secondUntil = Date.parse(twice.body.previousSecretUntil);
    expect(secondUntil - firstUntil).toBeGreaterThanOrEqual(3_000);

    /** Publishes a customs.cleared and returns the webhook it made. */
    const deliver = async () => {
      const before = receiver.requests.length;
      const event = customsEvent('customs.cleared', shipper.tenantId);
      await producer.send({
        topic: topicName(topicKeyOf(event.type), stack.topicPrefix),
        acks: -1,
        messages: [toKafkaMessage(event)],
      });
      return eventually(() => {
        expect(receiver.requests.length).toBe(before + 1);
        return receiver.requests[before];
      });
    };
    const signedAt = (request: ReceivedWebhook) => Number(request.timestamp) * 1000;

    // Before the first secret's expiry a receiver still holding it verifies.
    const early = await deliver();
    expect(signedAt(early)).toBeLessThan(firstUntil);
    expect(verifiedBy(early, secrets)).toEqual(['first', 'second', 'third']);

    // After it, only the second (until its own expiry) and the current one sign.
    await sleep(Math.max(0, firstUntil - Date.now()) + 200);
    const later = await deliver();
    expect(signedAt(later)).toBeLessThan(secondUntil);
    expect(verifiedBy(later, secrets)).toEqual(['second', 'third']);

    await sleep(Math.max(0, secondUntil - Date.now()) + 200);
    const last = await deliver();
    expect(verifiedBy(last, secrets)).toEqual(['third']);
    expect(last.signature.split(' ')).toHaveLength(1);
  });

  it('refuses a rotation while ten rotated-out secrets still sign, so a webhook header stays bounded', async () => {
    const shipper = await createCaller(stack, { name: 'Karachi Mango Traders', role: 'shipper' });
    const created = await subscribe(shipper, { channel: 'webhook', url: 'https://hooks.karachi-mango.example/cargo' });
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push(await rotate(shipper, created.body.id));
    expect(answers.slice(0, 10).map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers[10]).toMatchObject({ status: 409, body: { code: 'TOO_MANY_ROTATIONS' } });
    expect(answers[10].body.detail).toContain(answers[0].body.previousSecretUntil);
  });

  it('caps subscriptions per shipper, also when they are created at once', async () => {
    const shipper = await createCaller(stack, { name: 'Almaty Fruit Terminal', role: 'shipper' });
    const other = await createCaller(stack, { name: 'Kazakh Grain Export', role: 'shipper' });
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        subscribe(shipper, { channel: 'email', email: `ops+${i}@almaty-fruit.example` }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(PER_SHIPPER);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(12 - PER_SHIPPER);
    for (const answer of refused) {
      expect(answer.status).toBe(409);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({
        code: 'SUBSCRIPTION_LIMIT_REACHED',
        detail: expect.stringContaining(`at most ${PER_SHIPPER} subscriptions`),
      });
    }
    const [{ n }] = await query(
      stack,
      'SELECT count(*)::int AS n FROM notifications.subscriptions WHERE shipper_id = $1',
      [shipper.tenantId],
    );
    expect(n).toBe(PER_SHIPPER);

    // Another shipper has its own room; deleting one makes room again.
    await expect(subscribe(other, { channel: 'email', email: 'ops@kazakh-grain.example' })).resolves.toMatchObject({
      status: 201,
    });
    const removed = await fetch(
      `${notifications.baseUrl}/v1/subscriptions/${answers.find((a) => a.status === 201)!.body.id}`,
      { method: 'DELETE', headers: { authorization: shipper.authorization } },
    );
    expect(removed.status).toBe(204);
    await expect(
      subscribe(shipper, { channel: 'email', email: 'ops+again@almaty-fruit.example' }),
    ).resolves.toMatchObject({ status: 201 });
    await expect(
      subscribe(shipper, { channel: 'email', email: 'ops+more@almaty-fruit.example' }),
    ).resolves.toMatchObject({ status: 409 });
  });
});
