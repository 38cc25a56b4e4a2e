import {
  createCaller,
  createTestStack,
  startTestService,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { postJson } from '../../../test/support/bookings';
import { query } from '../../../test/support/database';
import { notificationsModule } from './notifications-harness';

/** A webhook subscription created with an Idempotency-Key: replayed with its secret, never stored in plaintext. */
describe('notifications: Idempotency-Key on subscriptions', () => {
  let stack: TestStack;
  let notifications: RunningService;
  let shipper: TestCaller;

  beforeAll(async () => {
    stack = await createTestStack('subidem');
    notifications = await startTestService('notifications', notificationsModule, {}, stack);
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
  });

  afterAll(async () => {
    await notifications?.stop();
    await stack?.dispose();
  });

  it('replays the answer with its secret, keeps the stored answer sealed, and creates one subscription', async () => {
    const body = { channel: 'webhook', url: 'https://hooks.bhalwal-kinnow.example/cargo', eventTypes: ['customs.*'] };
    const headers = { 'idempotency-key': 'subscribe-erp-1' };
    const first = await postJson(`${notifications.baseUrl}/v1/subscriptions`, body, shipper, headers);
    const again = await postJson(`${notifications.baseUrl}/v1/subscriptions`, body, shipper, headers);
    expect(first.status).toBe(201);
    expect(first.body.secret).toMatch(/^whsec_/);
    expect({ status: again.status, body: again.body, replayed: again.headers.get('idempotent-replayed') }).toEqual({
      status: 201,
      body: first.body,
      replayed: 'true',
    });

    const stored = await query(
      stack,
      'SELECT response_body::text AS body FROM notifications.idempotency_keys WHERE key = $1',
      ['subscribe-erp-1'],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0].body).not.toContain('whsec_');
    expect(stored[0].body).not.toContain(first.body.secret.slice('whsec_'.length));
    const subscriptions = await query(
      stack,
      'SELECT count(*)::int AS n FROM notifications.subscriptions WHERE shipper_id = $1',
      [shipper.tenantId],
    );
    expect(subscriptions[0].n).toBe(1);
  });
});
