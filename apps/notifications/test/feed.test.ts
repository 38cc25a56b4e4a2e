import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, type EntityManager } from 'typeorm';
import {
  createCaller,
  createTestStack,
  startTestService,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { customsEvent } from '../../../test/support/events';
import { openSse, readSse, type SseEvent } from '../../../test/support/sse';
import { modules, query } from '../../../test/support/system';
import { NotificationService } from '../src/notification/notification.service';

/**
 * The live feed against concurrent commits, on the real Postgres. Consumers commit several partitions
 * (and chunks of records) at once, so notifications do not become visible in the order they were
 * inserted. The test writes through the consumer's own code path (NotificationService.notify) in
 * transactions it opens and commits itself, to choose that order.
 */
describe('notifications: the live feed under concurrent commits', () => {
  let stack: TestStack;
  let first: RunningService;
  let second: RunningService;
  let notifications: NotificationService;
  let dataSource: DataSource;

  /** A customs fact for the shipper, written as the consumer writes it, inside `manager`'s transaction. */
  const notifyIn = async (manager: EntityManager, shipperId: string) => {
    const event = customsEvent('customs.cleared', shipperId);
    await notifications.notify({ manager, afterCommit: () => undefined }, event);
    return event.subject;
  };
  const shipmentsOf = (events: SseEvent[]) => events.map((e) => e.data.shipmentId as string);
  const feedUrl = (service: RunningService) => `${service.baseUrl}/v1/feed`;

  beforeAll(async () => {
    stack = await createTestStack('feed');
    // Two instances on one database: each runs a feed sequencer, as in production.
    first = await startTestService('notifications', modules.notifications, {}, stack);
    second = await startTestService('notifications', modules.notifications, {}, stack);
    notifications = first.app.get(NotificationService);
    dataSource = first.app.get(DataSource);
  });

  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await stack?.dispose();
  });

  it('streams a notification that commits after one inserted later, once, and resumes after it', async () => {
    const reader = await createCaller(stack, { name: 'Kazakh Grain Export', role: 'shipper' });
    const auth = { authorization: reader.authorization };
    const live = await openSse(`${feedUrl(first)}?lastEventId=0`, auth);
    try {
      // A inserts first (the lower seq) and stays open; B inserts later and commits first.
      const a = dataSource.createQueryRunner();
      await a.connect();
      await a.startTransaction();
      let shipmentA: string;
      try {
        shipmentA = await notifyIn(a.manager, reader.tenantId);
        const shipmentB = await dataSource.transaction((manager) => notifyIn(manager, reader.tenantId));
        const [seqA, seqB] = await Promise.all(
          [shipmentA, shipmentB].map(
            async (id) =>
              (await query(stack, 'SELECT seq FROM notifications.notifications WHERE shipment_id = $1', [id]))[0]?.seq,
          ),
        );
        expect(seqA).toBeUndefined(); // not visible yet
        const [{ seq: seqAInside }] = await a.manager.query(
          'SELECT seq FROM "notifications".notifications WHERE shipment_id = $1',
          [shipmentA],
        );
        expect(Number(seqAInside)).toBeLessThan(Number(seqB));

        // The reader gets B and moves past it while A is still uncommitted.
        await live.waitFor(1);
        expect(shipmentsOf(live.events)).toEqual([shipmentB]);
        await a.commitTransaction();
      } finally {
        if (a.isTransactionActive) await a.rollbackTransaction();
        await a.release();
      }

      // A is streamed too, after B.
      const [b, lateA] = await live.waitFor(2);
      expect(lateA.data.shipmentId).toBe(shipmentA);
      expect(Number(lateA.id)).toBeGreaterThan(Number(b.id));

      // Reconnecting with Last-Event-ID repeats nothing and misses nothing.
      await expect(readSse(feedUrl(second), { ...auth, 'last-event-id': b.id! }, 2, 1500)).resolves.toMatchObject({
        status: 200,
        events: [{ id: lateA.id, data: { shipmentId: shipmentA } }],
      });
      await expect(readSse(feedUrl(second), { ...auth, 'last-event-id': lateA.id! }, 1, 1000)).resolves.toEqual({
        status: 200,
        events: [],
      });
      await expect(readSse(feedUrl(second), { ...auth, 'last-event-id': '0' }, 3, 1500)).resolves.toMatchObject({
        events: [{ id: b.id }, { id: lateA.id }],
      });
      await sleep(300);
      expect(live.events).toHaveLength(2);
    } finally {
      live.close();
    }
  });

  it('delivers every one of many concurrently committed notifications exactly once, in an order a reader resumes from', async () => {
    const reader = await createCaller(stack, { name: 'Pakistan Citrus Board', role: 'shipper' });
    const auth = { authorization: reader.authorization };
    const live = await openSse(`${feedUrl(second)}?lastEventId=0`, auth);
    try {
      // 12 writers, 5 notifications each, committing in an order unrelated to their inserts.
      const written = (
        await Promise.all(
          Array.from({ length: 12 }, () =>
            dataSource.transaction(async (manager) => {
              const ids: string[] = [];
              for (let i = 0; i < 5; i++) {
                ids.push(await notifyIn(manager, reader.tenantId));
                await sleep(Math.random() * 20);
              }
              await sleep(Math.random() * 60);
              return ids;
            }),
          ),
        )
      ).flat();

      const received = await live.waitFor(written.length, 20_000);
      expect(new Set(shipmentsOf(received))).toEqual(new Set(written));
      const positions = received.map((e) => Number(e.id));
      expect(positions).toEqual([...positions].sort((x, y) => x - y));
      expect(new Set(positions).size).toBe(written.length);
      await sleep(500);
      expect(live.events).toHaveLength(written.length);

      // Resuming from any point gives exactly the rest.
      const middle = received[29];
      const rest = await readSse(feedUrl(first), { ...auth, 'last-event-id': middle.id! }, written.length, 2000);
      expect(rest.events.map((e) => e.id)).toEqual(received.slice(30).map((e) => e.id));
    } finally {
      live.close();
    }
  });
});
