import { Partitioners, type Producer } from 'kafkajs';
import { topicName } from '@lib/contracts';
import { toKafkaMessage } from '@lib/messaging';
import {
  createCaller,
  createTestStack,
  eventually,
  startTestService,
  startWebhookReceiver,
  testKafka,
  type RunningService,
  type TestStack,
  type WebhookReceiver,
} from '@lib/testing';
import { postJson } from '../../../test/support/bookings';
import { customsEvent } from '../../../test/support/events';
import { query } from '../../../test/support/database';
import { notificationsModule } from './notifications-harness';

/**
 * A retry whose job wakes before the notification is due (its due time moved later meanwhile) goes
 * back to sleep until then and is delivered on time — not left for the periodic sweep (an hour here).
 */
describe('notifications: a delivery job that wakes early', () => {
  let stack: TestStack;
  let notifications: RunningService;
  let receiver: WebhookReceiver;
  let producer: Producer;

  beforeAll(async () => {
    stack = await createTestStack('earlywake');
    notifications = await startTestService(
      'notifications',
      notificationsModule,
      { WEBHOOK_ALLOW_LOOPBACK: 'true', WEBHOOK_RETRY_SCHEDULE: '0s,2s', FOLLOW_UP_SWEEP_INTERVAL_MS: '3600000' },
      stack,
    );
    producer = testKafka('early-wake').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await notifications?.stop();
    await receiver?.close();
    await stack?.dispose();
  });

  it('sleeps again until the new due time and delivers then', async () => {
    const shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    let secret = '';
    receiver = await startWebhookReceiver(() => secret);
    receiver.respondWith(500, 1);
    const created = await postJson(
      `${notifications.baseUrl}/v1/subscriptions`,
      { channel: 'webhook', url: receiver.url, eventTypes: ['customs.cleared'] },
      shipper,
    );
    secret = created.body.secret;
    const cleared = customsEvent('customs.cleared', shipper.tenantId);
    await producer.send({
      topic: topicName('customs', stack.topicPrefix),
      acks: -1,
      messages: [toKafkaMessage(cleared)],
    });

    // The first attempt failed; its retry job is due in 2 s. Move the notification's due time 3 s later.
    const row = await eventually(
      async () => {
        const [found] = await query(
          stack,
          `SELECT id, attempts FROM notifications.notifications WHERE source_event_id = $1 AND channel = 'webhook'`,
          [cleared.id],
        );
        expect(found?.attempts).toBe(1);
        return found as { id: string };
      },
      { timeoutMs: 15_000, intervalMs: 50 },
    );
    const [{ due }] = await query(
      stack,
      `UPDATE notifications.notifications SET next_attempt_at = next_attempt_at + interval '3 seconds'
        WHERE id = $1 RETURNING next_attempt_at AS due`,
      [row.id],
    );

    await eventually(() => expect(receiver.delivered).toHaveLength(1), { timeoutMs: 15_000, intervalMs: 100 });
    expect(receiver.delivered[0].receivedAt).toBeGreaterThanOrEqual((due as Date).getTime() - 50);
    expect(receiver.requests.map((r) => r.id)).toEqual([row.id, row.id]);
  });
});
