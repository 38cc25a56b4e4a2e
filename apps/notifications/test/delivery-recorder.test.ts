import { randomUUID } from 'node:crypto';
import { createTestStack, startTestService, type RunningService, type TestStack } from '@lib/testing';
import { query } from '../../../test/support/database';
import { notificationsModule } from './notifications-harness';
import { DeliveryRecorder, type AttemptRecord } from '../src/delivery/delivery-recorder';
import type { PendingNotification } from '../src/delivery/pending-notification';

/**
 * Attempts that finish together are recorded together (one transaction for many): each still once,
 * guarded by the state it was made in, with its outcome published only when recorded, and a record
 * that Postgres refuses does not take the others down with it.
 */
describe('notifications: recording many delivery attempts at once', () => {
  let stack: TestStack;
  let notifications: RunningService;
  let recorder: DeliveryRecorder;

  /** A pending webhook notification as a consumer writes it. */
  const pending = async (round = 0): Promise<PendingNotification> => {
    const notification: PendingNotification = {
      id: randomUUID(),
      shipperId: 'shipper-rec',
      shipmentId: randomUUID(),
      sourceEventId: randomUUID(),
      eventType: 'customs.cleared',
      channel: 'webhook',
      subscriptionId: null,
      data: {},
      occurredAt: new Date(),
      round,
      trackingNumber: null,
      commodity: null,
      language: 'en',
      title: 't',
      message: 'm',
      facts: null,
    };
    await query(
      stack,
      `INSERT INTO notifications.notifications
         (id, shipper_id, shipment_id, source_event_id, event_type, channel, target, title, message, data,
          status, round, attempts)
       VALUES ($1, $2, $3, $4, 'customs.cleared', 'webhook', $5, 't', 'm', '{}', 'pending', $6, 0)`,
      [
        notification.id,
        notification.shipperId,
        notification.shipmentId,
        notification.sourceEventId,
        randomUUID(),
        round,
      ],
    );
    return notification;
  };
  const delivered = (notification: PendingNotification, attempt = 1): AttemptRecord => ({
    notification,
    attempt,
    result: { outcome: 'delivered', statusCode: 200, latencyMs: 5 },
    status: 'delivered',
    nextAttemptAt: null,
  });
  const retrying = (notification: PendingNotification): AttemptRecord => ({
    notification,
    attempt: 1,
    result: { outcome: 'failed', statusCode: 500, latencyMs: 5, error: 'HTTP 500' },
    status: 'pending',
    nextAttemptAt: new Date(Date.now() + 60_000),
  });
  const failed = (notification: PendingNotification): AttemptRecord => ({
    notification,
    attempt: 1,
    result: { outcome: 'refused', latencyMs: 0, error: 'refused: private address 10.0.0.1' },
    status: 'failed',
    nextAttemptAt: null,
  });
  const state = async (id: string) =>
    (await query(stack, 'SELECT status, attempts, last_error FROM notifications.notifications WHERE id = $1', [id]))[0];
  const attemptRows = async (id: string) =>
    query(stack, 'SELECT attempt, outcome FROM notifications.delivery_attempts WHERE notification_id = $1', [id]);
  const outcomeEvents = async (id: string) =>
    (await query(stack, `SELECT event_type FROM notifications.outbox WHERE payload->>'notificationId' = $1`, [id])).map(
      (r) => r.event_type,
    );

  beforeAll(async () => {
    stack = await createTestStack('recorder');
    notifications = await startTestService('notifications', notificationsModule, {}, stack);
    recorder = notifications.app.get(DeliveryRecorder);
  });

  afterAll(async () => {
    await notifications?.stop();
    await stack?.dispose();
  });

  it('records many concurrent attempts once each, publishes only what it recorded, tells the stale ones', async () => {
    const toDeliver = await Promise.all(Array.from({ length: 12 }, () => pending()));
    const toRetry = await Promise.all(Array.from({ length: 5 }, () => pending()));
    const toFail = await Promise.all(Array.from({ length: 3 }, () => pending()));
    const replayed = await pending(1); // its round 0 is over: an attempt of that round is stale
    const records = [
      ...toDeliver.map((n) => delivered(n)),
      ...toRetry.map(retrying),
      ...toFail.map(failed),
      delivered({ ...replayed, round: 0 }),
      delivered(toDeliver[0]), // the same attempt twice (a job beside the first attempt)
      delivered(toDeliver[1]),
    ];
    const results = await Promise.all(records.map((r) => recorder.record(r)));

    expect(results.slice(0, 20)).toEqual(Array(20).fill(true));
    expect(results.slice(20)).toEqual([false, false, false]);
    for (const n of toDeliver) {
      await expect(state(n.id)).resolves.toEqual({ status: 'delivered', attempts: 1, last_error: null });
      await expect(attemptRows(n.id)).resolves.toEqual([{ attempt: 1, outcome: 'delivered' }]);
      await expect(outcomeEvents(n.id)).resolves.toEqual(['notification.delivered']);
    }
    for (const n of toRetry) {
      await expect(state(n.id)).resolves.toEqual({ status: 'pending', attempts: 1, last_error: 'HTTP 500' });
      await expect(outcomeEvents(n.id)).resolves.toEqual([]);
    }
    for (const n of toFail) {
      await expect(state(n.id)).resolves.toMatchObject({ status: 'failed', attempts: 1 });
      await expect(outcomeEvents(n.id)).resolves.toEqual(['notification.failed']);
    }
    await expect(state(replayed.id)).resolves.toMatchObject({ status: 'pending', attempts: 0 });
    await expect(attemptRows(replayed.id)).resolves.toEqual([]);
    await expect(outcomeEvents(replayed.id)).resolves.toEqual([]);
  });

  it('records the others when Postgres refuses one record of the batch', async () => {
    const good = await Promise.all(Array.from({ length: 6 }, () => pending()));
    const bad = await pending();
    // An error text Postgres cannot store (a NUL) fails the statement it is in.
    const refused: AttemptRecord = {
      ...retrying(bad),
      result: { outcome: 'failed', latencyMs: 1, error: 'bad\u0000byte' },
    };
    const results = await Promise.allSettled([
      ...good.map((n) => recorder.record(delivered(n))),
      recorder.record(refused),
    ]);
    expect(results.slice(0, 6)).toEqual(Array(6).fill({ status: 'fulfilled', value: true }));
    expect(results[6].status).toBe('rejected');
    for (const n of good) await expect(state(n.id)).resolves.toMatchObject({ status: 'delivered' });
    await expect(state(bad.id)).resolves.toMatchObject({ status: 'pending', attempts: 0 });
  });
});
