import { createCaller, eventually, startSmtpCatcher, type SmtpCatcher, type TestCaller } from '@lib/testing';
import { getJson, postJson } from '../../../test/support/bookings';
import { bookedEvent, customsEvent } from '../../../test/support/events';
import { startNotificationsHarness, type NotificationsHarness } from './notifications-harness';

/**
 * Delivery on the real stack: events arrive over Kafka (this test plays the shipments and customs
 * relays), webhooks go to a real HTTP receiver that verifies them with `standardwebhooks`, email to a
 * real SMTP server, and the feed keeps them; a shipper sees only its own.
 */
describe('notifications: each event once per channel (webhook, email, feed)', () => {
  let harness: NotificationsHarness;
  let smtp: SmtpCatcher;
  let shipper: TestCaller;
  let other: TestCaller;
  const url = (path: string) => `${harness.notifications.baseUrl}${path}`;

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    harness = await startNotificationsHarness('notify_channels', {
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
    });
    shipper = await createCaller(harness.stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    other = await createCaller(harness.stack, { name: 'Almaty Fruit Terminal', role: 'shipper' });
  });

  afterAll(async () => {
    await harness?.close();
    await smtp?.close();
  });

  it('delivers each event once per channel: a verified webhook for matching types, an email, the feed', async () => {
    const { publish, webhook, notificationsOf, outcomes, webhookOf } = harness;
    const { receiver, subscription } = await webhook(shipper, ['customs.*']);
    const email = await postJson(
      url('/v1/subscriptions'),
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

    // Nothing more comes later: once the consumer has committed past the duplicate record, it made no
    // notification of its own, and each one it made is delivered (and so sent no more).
    await harness.caughtUp();
    expect((await notificationsOf(cleared.id)).map((n) => `${n.channel}:${n.status}`)).toEqual([
      'email:delivered',
      'feed:delivered',
      'webhook:delivered',
    ]);
    expect(receiver.requests).toHaveLength(1);
    expect(smtp.messages.filter((m) => m.to.includes('ops@bhalwal-kinnow.example'))).toHaveLength(2);
  });

  it('shows a shipper only its own subscriptions and notifications', async () => {
    const { subscription } = await harness.webhook(shipper, ['shipment.delivered']);
    const theirEvent = customsEvent('customs.held', other.tenantId, undefined, { reason: 'inspection' });
    const myEvent = customsEvent('customs.held', shipper.tenantId, undefined, { reason: 'inspection' });
    await harness.publish(theirEvent, myEvent);
    await eventually(async () => {
      expect(await harness.notificationsOf(theirEvent.id)).not.toHaveLength(0);
      expect(await harness.notificationsOf(myEvent.id)).not.toHaveLength(0);
    });

    await expect(getJson(url(`/v1/subscriptions/${subscription.id}`), other)).resolves.toMatchObject({ status: 404 });
    const patched = await fetch(url(`/v1/subscriptions/${subscription.id}`), {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: other.authorization },
      body: JSON.stringify({ enabled: false }),
    });
    expect(patched.status).toBe(404);
    const theirs = (await getJson(url('/v1/notifications?limit=500'), other)).body.items;
    const mine = (await getJson(url('/v1/notifications?limit=500'), shipper)).body.items;
    const mineIds = new Set(mine.map((n: { id: string }) => n.id));
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.some((n: { id: string }) => mineIds.has(n.id))).toBe(false);
    await expect(getJson(url(`/v1/notifications/${mine[0].id}`), other)).resolves.toMatchObject({ status: 404 });
    expect(
      (await getJson(url('/v1/subscriptions'), other)).body.items.every(
        (s: { id: string }) => s.id !== subscription.id,
      ),
    ).toBe(true);
  });
});
