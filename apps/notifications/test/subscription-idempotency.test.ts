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

  it('replays a rotated secret instead of rotating twice, and keeps it sealed at rest', async () => {
    const created = await postJson(
      `${notifications.baseUrl}/v1/subscriptions`,
      { channel: 'webhook', url: 'https://hooks.bhalwal-kinnow.example/rotate', eventTypes: ['*'] },
      shipper,
    );
    expect(created.status).toBe(201);
    const headers = { 'idempotency-key': `rotate-${created.body.id}` };
    const rotate = () =>
      postJson(`${notifications.baseUrl}/v1/subscriptions/${created.body.id}/rotate-secret`, {}, shipper, headers);
    const first = await rotate();
    const again = await rotate();
    expect(first.status).toBe(200);
    expect(first.body.secret).toMatch(/^whsec_/);
    expect(first.body.secret).not.toBe(created.body.secret);
    expect({ status: again.status, body: again.body, replayed: again.headers.get('idempotent-replayed') }).toEqual({
      status: 200,
      body: first.body,
      replayed: 'true',
    });
    const [row] = await query(
      stack,
      'SELECT jsonb_array_length(previous_secrets)::int AS retired FROM notifications.subscriptions WHERE id = $1',
      [created.body.id],
    );
    expect(row.retired).toBe(1);
    const [stored] = await query(
      stack,
      'SELECT response_body::text AS body FROM notifications.idempotency_keys WHERE key = $1',
      [headers['idempotency-key']],
    );
    expect(stored.body).not.toContain(first.body.secret.slice('whsec_'.length));
  });

  it('replays a change and an unsubscribe retried with their keys; without one a second DELETE is 404', async () => {
    const created = await postJson(
      `${notifications.baseUrl}/v1/subscriptions`,
      { channel: 'webhook', url: 'https://hooks.bhalwal-kinnow.example/change', eventTypes: ['*'] },
      shipper,
    );
    const url = `${notifications.baseUrl}/v1/subscriptions/${created.body.id}`;
    const send = (method: string, key?: string, body?: unknown) =>
      fetch(url, {
        method,
        headers: {
          authorization: shipper.authorization,
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
    const change = { eventTypes: ['customs.*'] };
    const patched = await send('PATCH', 'narrow-1', change);
    const patchedAgain = await send('PATCH', 'narrow-1', change);
    expect(patched.status).toBe(200);
    expect(patchedAgain.status).toBe(200);
    expect(patchedAgain.headers.get('idempotent-replayed')).toBe('true');
    await expect(patchedAgain.json()).resolves.toEqual(await patched.json());
    // The same key with another body is refused, not applied.
    await expect(send('PATCH', 'narrow-1', { eventTypes: ['*'] })).resolves.toMatchObject({ status: 422 });

    const deleted = await send('DELETE', 'unsubscribe-1');
    const deletedAgain = await send('DELETE', 'unsubscribe-1');
    expect([deleted.status, deletedAgain.status]).toEqual([204, 204]);
    expect(deletedAgain.headers.get('idempotent-replayed')).toBe('true');
    await expect(send('DELETE')).resolves.toMatchObject({ status: 404 });
  });
});
