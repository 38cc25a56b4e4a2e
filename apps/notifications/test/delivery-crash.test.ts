import { Partitioners } from 'kafkajs';
import { topicName } from '@lib/contracts';
import { toKafkaMessage } from '@lib/messaging';
import {
  createCaller,
  createTestStack,
  eventually,
  spawnService,
  startWebhookReceiver,
  testKafka,
  type ChildService,
  type TestStack,
  type WebhookReceiver,
} from '@lib/testing';
import { postJson } from '../../../test/support/bookings';
import { customsEvent } from '../../../test/support/events';
import { query } from '../../../test/support/database';

/**
 * The notifications service dies (SIGKILL) after a webhook reached the receiver but before the
 * attempt was recorded. Restarted, it finds the delivery pending in Postgres and sends it again with
 * the same webhook-id (the receiver can tell it is the same one), and records it delivered once.
 */
describe('notifications: a crash between sending a webhook and recording it', () => {
  let stack: TestStack;
  let receiver: WebhookReceiver;
  let service: ChildService | undefined;
  const env = {
    WEBHOOK_ALLOW_LOOPBACK: 'true',
    WEBHOOK_TIMEOUT_MS: '500',
    FOLLOW_UP_SWEEP_INTERVAL_MS: '500',
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    KAFKA_HEARTBEAT_INTERVAL_MS: '500',
  };

  beforeAll(async () => {
    stack = await createTestStack('deliverycrash');
  });

  afterAll(async () => {
    await service?.stop();
    await receiver?.close();
    await stack?.dispose();
  });

  it('delivers again after the restart with the same webhook-id, and records one delivery', async () => {
    service = await spawnService('notifications', stack, { ...env, FAULT_POINTS: 'delivery.after-send' });
    const shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    let secret = '';
    receiver = await startWebhookReceiver(() => secret);
    const created = await postJson(
      `${service.baseUrl}/v1/subscriptions`,
      { channel: 'webhook', url: receiver.url, eventTypes: ['customs.cleared'] },
      shipper,
    );
    expect(created.status).toBe(201);
    secret = created.body.secret;

    const cleared = customsEvent('customs.cleared', shipper.tenantId);
    const producer = testKafka('delivery-crash').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic: topicName('customs', stack.topicPrefix),
      acks: -1,
      messages: [toKafkaMessage(cleared)],
    });
    await producer.disconnect();

    await expect(service.exited).resolves.toMatchObject({ signal: 'SIGKILL' });
    expect(receiver.requests).toHaveLength(1);
    const [row] = await query(
      stack,
      `SELECT id, status, attempts FROM notifications.notifications WHERE source_event_id = $1 AND channel = 'webhook'`,
      [cleared.id],
    );
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });

    service = await spawnService('notifications', stack, env);
    await eventually(
      async () => {
        const [after] = await query(stack, 'SELECT status, attempts FROM notifications.notifications WHERE id = $1', [
          row.id,
        ]);
        expect(after).toMatchObject({ status: 'delivered', attempts: 1 });
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(receiver.requests.map((r) => r.id)).toEqual([row.id, row.id]);
    expect(receiver.requests.every((r) => r.verified)).toBe(true);
    const recorded = await query(
      stack,
      'SELECT outcome FROM notifications.delivery_attempts WHERE notification_id = $1',
      [row.id],
    );
    expect(recorded).toEqual([{ outcome: 'delivered' }]);
    const outcomes = await query(
      stack,
      `SELECT count(*)::int AS n FROM notifications.outbox
        WHERE event_type = 'notification.delivered' AND payload->>'notificationId' = $1`,
      [row.id],
    );
    expect(outcomes[0].n).toBe(1);
  });
});
