import { Partitioners, type Producer } from 'kafkajs';
import { Webhook } from 'standardwebhooks';
import { topicKeyOf, topicName } from '@lib/contracts';
import type { EventEnvelope } from '@lib/messaging';
import {
  createCaller,
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
import { customsEvent, toKafkaMessage } from '../../../test/support/events';
import { query } from '../../../test/support/database';
import { notificationsModule } from './notifications-harness';

/**
 * Events find a shipper's subscriptions in a cache, not in Postgres. Every change must still apply to
 * the next event: one made through the API, one made behind the service's back (SQL, as another
 * instance or an operator would; heard by NOTIFY), and one made while the LISTEN connection was lost.
 * Each step first warms the cache with the state before the change.
 */
describe('notifications: subscription changes reach the next event through the cache', () => {
  let stack: TestStack;
  let notifications: RunningService;
  let producer: Producer;
  let shipper: TestCaller;
  const receivers: WebhookReceiver[] = [];

  const publish = async (event: EventEnvelope) => {
    await producer.send({
      topic: topicName(topicKeyOf(event.type), stack.topicPrefix),
      acks: -1,
      messages: [toKafkaMessage(event)],
    });
    // The feed notification is written with the others, in the same transaction: the event has been handled.
    await eventually(async () =>
      expect(
        await query(
          stack,
          `SELECT 1 FROM notifications.notifications WHERE source_event_id = $1 AND channel = 'feed'`,
          [event.id],
        ),
      ).toHaveLength(1),
    );
    return event;
  };
  /** The subscriptions an event made a notification for. */
  const targetsOf = async (event: EventEnvelope) =>
    (
      await query(
        stack,
        `SELECT subscription_id FROM notifications.notifications
          WHERE source_event_id = $1 AND channel <> 'feed' ORDER BY subscription_id`,
        [event.id],
      )
    ).map((r) => r.subscription_id);
  const cleared = () => customsEvent('customs.cleared', shipper.tenantId);
  const subscribe = async (eventTypes: string[]) => {
    let secrets: string[] = [];
    const receiver = await startWebhookReceiver(() => secrets);
    receivers.push(receiver);
    const created = await postJson(
      `${notifications.baseUrl}/v1/subscriptions`,
      { channel: 'webhook', url: receiver.url, eventTypes },
      shipper,
    );
    expect(created.status).toBe(201);
    secrets = [created.body.secret];
    return { id: created.body.id as string, secret: created.body.secret as string, receiver };
  };
  const patch = (id: string, body: Record<string, unknown>) =>
    fetch(`${notifications.baseUrl}/v1/subscriptions/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: shipper.authorization },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    stack = await createTestStack('subcache');
    notifications = await startTestService(
      'notifications',
      notificationsModule,
      { WEBHOOK_ALLOW_LOOPBACK: 'true' },
      stack,
    );
    producer = testKafka('subscription-cache').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await notifications?.stop();
    await Promise.all(receivers.map((r) => r.close()));
    await stack?.dispose();
  });

  it('a new, a disabled, a re-enabled and a rotated subscription apply to the very next event', async () => {
    const a = await subscribe(['customs.cleared']);
    const sorted = (...ids: string[]) => [...ids].sort();
    expect(await targetsOf(await publish(cleared()))).toEqual([a.id]);

    const b = await subscribe(['customs.cleared']);
    expect(await targetsOf(await publish(cleared()))).toEqual(sorted(a.id, b.id));

    expect((await patch(a.id, { enabled: false })).status).toBe(200);
    expect(await targetsOf(await publish(cleared()))).toEqual([b.id]);

    expect((await patch(a.id, { enabled: true })).status).toBe(200);
    expect(await targetsOf(await publish(cleared()))).toEqual(sorted(a.id, b.id));

    const rotated = await postJson(`${notifications.baseUrl}/v1/subscriptions/${b.id}/rotate-secret`, {}, shipper);
    expect(rotated.status).toBe(200);
    const before = b.receiver.requests.length;
    await publish(cleared());
    const request = await eventually(() => {
      expect(b.receiver.requests.length).toBe(before + 1);
      return b.receiver.requests[before];
    });
    const headers = {
      'webhook-id': request.id,
      'webhook-timestamp': request.timestamp,
      'webhook-signature': request.signature,
    };
    expect(() => new Webhook(rotated.body.secret).verify(request.raw, headers)).not.toThrow();
    expect(() => new Webhook(b.secret).verify(request.raw, headers)).not.toThrow();

    expect(
      (
        await fetch(`${notifications.baseUrl}/v1/subscriptions/${a.id}`, {
          method: 'DELETE',
          headers: { authorization: shipper.authorization },
        })
      ).status,
    ).toBe(204);
    expect(await targetsOf(await publish(cleared()))).toEqual([b.id]);
  });

  it('a change made behind the service’s back (SQL) applies to the next event, heard by NOTIFY', async () => {
    const c = await subscribe(['customs.*']);
    expect(await targetsOf(await publish(cleared()))).toContain(c.id);
    await query(stack, `UPDATE notifications.subscriptions SET event_types = '{customs.held}' WHERE id = $1`, [c.id]);
    expect(await targetsOf(await publish(cleared()))).not.toContain(c.id);
    await query(stack, `UPDATE notifications.subscriptions SET enabled = false WHERE id = $1`, [c.id]);
    expect(await targetsOf(await publish(customsEvent('customs.held', shipper.tenantId)))).not.toContain(c.id);
    await query(stack, `UPDATE notifications.subscriptions SET enabled = true WHERE id = $1`, [c.id]);
    expect(await targetsOf(await publish(customsEvent('customs.held', shipper.tenantId)))).toContain(c.id);
  });

  it('a change made while the LISTEN connection was lost applies: nothing is kept until it listens again', async () => {
    const d = await subscribe(['customs.cleared']);
    expect(await targetsOf(await publish(cleared()))).toContain(d.id);
    const [{ n }] = await query(
      stack,
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'notifications-subscriptions'`,
    );
    expect(n).toBe(1);
    // Its NOTIFY has no listener to go to.
    await query(stack, `UPDATE notifications.subscriptions SET enabled = false WHERE id = $1`, [d.id]);
    expect(await targetsOf(await publish(cleared()))).not.toContain(d.id);
    // Listening again (it reconnects after a second), and changes are heard as before.
    await eventually(async () =>
      expect(
        await query(
          stack,
          `SELECT 1 FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'notifications-subscriptions'
              AND query ILIKE 'LISTEN%'`,
        ),
      ).toHaveLength(1),
    );
    expect(await targetsOf(await publish(cleared()))).not.toContain(d.id);
    await query(stack, `UPDATE notifications.subscriptions SET enabled = true WHERE id = $1`, [d.id]);
    expect(await targetsOf(await publish(cleared()))).toContain(d.id);
  });
});
