import type { EventEnvelope } from '@lib/messaging';
import { Webhook } from 'standardwebhooks';
import { createCaller, eventually, type RunningService, type TestCaller, type TestStack } from '@lib/testing';
import { getJson, postJson } from '../../../test/support/bookings';
import { query } from '../../../test/support/database';
import { customsEvent } from '../../../test/support/events';
import { startNotificationsHarness, type NotificationsHarness, type Sub } from './notifications-harness';

/**
 * Webhooks a receiver can trust and that cannot be aimed inside: signatures across a secret
 * rotation, private endpoints refused.
 */
describe('notifications: webhook signatures and endpoints', () => {
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

  beforeAll(async () => {
    harness = await startNotificationsHarness('notify_security', { WEBHOOK_ALLOW_LOOPBACK: 'true' });
    ({ stack, notifications } = harness);
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    other = await createCaller(stack, { name: 'Almaty Fruit Terminal', role: 'shipper' });
  });

  afterAll(() => harness?.close());

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
});
