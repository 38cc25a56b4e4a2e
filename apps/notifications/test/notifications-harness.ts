import { Partitioners, type Producer } from 'kafkajs';
import { groupCaughtUp, type EventEnvelope } from '@lib/messaging';
import { topicKeyOf, topicName, type TopicKey } from '@lib/contracts';
import {
  createTestStack,
  eventually,
  startTestService,
  startWebhookReceiver,
  testKafka,
  type RunningService,
  type TestCaller,
  type TestStack,
  type WebhookReceiver,
} from '@lib/testing';
import { postJson } from '../../../test/support/bookings';
import { query } from '../../../test/support/database';
import { toKafkaMessage } from '../../../test/support/events';
import { loadNotificationsConfig } from '../src/notifications.config';
import { NotificationsModule } from '../src/notifications.module';

export type Sub = { id: string; secret?: string };

export const notificationsModule = (env: NodeJS.ProcessEnv) =>
  NotificationsModule.forRoot(loadNotificationsConfig(env));

/**
 * One notifications service on its own stack, with what its tests do to it: play the shipments and
 * customs relays (publish to Kafka), subscribe webhooks to real receivers, and read what it recorded.
 */
export interface NotificationsHarness {
  stack: TestStack;
  notifications: RunningService;
  publish: (...events: EventEnvelope[]) => Promise<void>;
  /** A webhook subscription to a fresh receiver that verifies with the secret it was given. */
  webhook: (
    caller: TestCaller,
    eventTypes?: string[],
  ) => Promise<{ receiver: WebhookReceiver; subscription: Sub; setSecrets: (s: string[]) => void }>;
  /** The notifications one event made, by channel. */
  notificationsOf: (sourceEventId: string) => Promise<any[]>;
  /** The outcome events (notification.delivered / .failed) published about one notification. */
  outcomes: (type: string, notificationId: string) => Promise<any[]>;
  /** The webhook notification of an event for one subscription (a shipper may have several that match). */
  webhookOf: (sourceEventId: string, subscription: Sub) => Promise<{ id: string; status: string }>;
  /** Resolves once the service's consumer has committed everything published so far. */
  caughtUp: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startNotificationsHarness(
  label: string,
  env: NodeJS.ProcessEnv = {},
): Promise<NotificationsHarness> {
  const stack = await createTestStack(label);
  const notifications = await startTestService('notifications', notificationsModule, env, stack);
  const kafka = testKafka(`${label}-test`);
  const producer: Producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const receivers: WebhookReceiver[] = [];
  const notificationsOf = (sourceEventId: string) =>
    query(
      stack,
      `SELECT id, channel, subscription_id, status, attempts FROM notifications.notifications
       WHERE source_event_id = $1 ORDER BY channel`,
      [sourceEventId],
    );
  const consumed = (['shipments', 'customs'] as TopicKey[]).map((key) => topicName(key, stack.topicPrefix));
  return {
    stack,
    notifications,
    publish: async (...events) => {
      for (const event of events)
        await producer.send({
          topic: topicName(topicKeyOf(event.type), stack.topicPrefix),
          acks: -1,
          messages: [toKafkaMessage(event)],
        });
    },
    webhook: async (caller, eventTypes = ['*']) => {
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
    },
    notificationsOf,
    outcomes: (type, notificationId) =>
      query(
        stack,
        `SELECT payload FROM notifications.outbox WHERE event_type = $1 AND payload->>'notificationId' = $2`,
        [type, notificationId],
      ),
    webhookOf: (sourceEventId, subscription) =>
      eventually(async () => {
        const [row] = (await notificationsOf(sourceEventId)).filter((n) => n.subscription_id === subscription.id);
        expect(row).toBeDefined();
        return row as { id: string; status: string };
      }),
    caughtUp: () =>
      eventually(async () =>
        expect(await groupCaughtUp(kafka, `${stack.topicPrefix}notifications`, consumed)).toBe(true),
      ),
    close: async () => {
      await producer.disconnect();
      await notifications.stop();
      await Promise.all(receivers.map((r) => r.close()));
      await stack.dispose();
    },
  };
}
