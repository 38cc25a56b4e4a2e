import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Partitioners, type Producer } from 'kafkajs';
import { DataSource, type EntityManager } from 'typeorm';
import { topicKeyOf, topicName } from '@lib/contracts';
import type { EventEnvelope } from '@lib/messaging';
import {
  createCaller,
  createTestStack,
  eventually,
  startTestService,
  testKafka,
  type RunningService,
  type TestStack,
} from '@lib/testing';
import { customsEvent, toKafkaMessage } from '../../../test/support/events';
import { openSse, readSse, type SseEvent } from '../../../test/support/sse';
import { query } from '../../../test/support/database';
import { notificationsModule } from './notifications-harness';
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
  let producer: Producer;

  /** Plays the customs relay: the events reach the service over Kafka, as in production. */
  const publish = async (...events: EventEnvelope[]) => {
    for (const event of events)
      await producer.send({
        topic: topicName(topicKeyOf(event.type), stack.topicPrefix),
        acks: -1,
        messages: [toKafkaMessage(event)],
      });
  };

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
    first = await startTestService('notifications', notificationsModule, {}, stack);
    second = await startTestService('notifications', notificationsModule, {}, stack);
    notifications = first.app.get(NotificationService);
    dataSource = first.app.get(DataSource);
    producer = testKafka('feed-test').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
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

      // A marker written after both: once a stream has it, everything before it has been streamed.
      const marker = await dataSource.transaction((manager) => notifyIn(manager, reader.tenantId));
      const [, , markerEvent] = await live.waitFor(3);
      expect(shipmentsOf(live.events)).toEqual([b.data.shipmentId, shipmentA, marker]);

      // Reconnecting with Last-Event-ID repeats nothing and misses nothing.
      await expect(readSse(feedUrl(second), { ...auth, 'last-event-id': b.id! }, 2)).resolves.toMatchObject({
        status: 200,
        events: [{ id: lateA.id, data: { shipmentId: shipmentA } }, { id: markerEvent.id }],
      });
      await expect(readSse(feedUrl(second), { ...auth, 'last-event-id': lateA.id! }, 1)).resolves.toMatchObject({
        status: 200,
        events: [{ id: markerEvent.id }],
      });
      await expect(readSse(feedUrl(second), { ...auth, 'last-event-id': '0' }, 3)).resolves.toMatchObject({
        events: [{ id: b.id }, { id: lateA.id }, { id: markerEvent.id }],
      });
    } finally {
      live.close();
    }
  });

  it('delivers each of many concurrently committed notifications once, in an order a reader resumes from', async () => {
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
      // Nothing streamed twice: the next event after them all is a marker written after them.
      const marker = await dataSource.transaction((manager) => notifyIn(manager, reader.tenantId));
      await live.waitFor(written.length + 1);
      expect(shipmentsOf(live.events.slice(written.length))).toEqual([marker]);

      // Resuming from any point gives exactly the rest, up to the marker.
      const middle = live.events[29];
      const rest = await readSse(feedUrl(first), { ...auth, 'last-event-id': middle.id! }, live.events.length - 30);
      expect(rest.events.map((e) => e.id)).toEqual(live.events.slice(30).map((e) => e.id));
    } finally {
      live.close();
    }
  });

  it('streams the feed from Kafka over SSE and resumes after Last-Event-ID', async () => {
    const reader = await createCaller(stack, { name: 'Kazakh Grain Export', role: 'shipper' });
    const auth = { authorization: reader.authorization };
    const shipmentId = randomUUID();
    await publish(
      customsEvent('customs.held', reader.tenantId, shipmentId, { reason: 'inspection' }),
      customsEvent('customs.cleared', reader.tenantId, shipmentId),
    );
    const url = feedUrl(first);
    const earlier = await eventually(async () => {
      const read = await readSse(`${url}?lastEventId=0`, auth, 2, 3000);
      expect(read.events).toHaveLength(2);
      return read.events;
    });
    expect(earlier.map((e) => e.event)).toEqual(['customs.held', 'customs.cleared']);
    expect(earlier[1].data.title).toMatch(/Torkham/);
    // In the reader's language: by `language`, else by Accept-Language.
    const inRussian = await readSse(`${url}?lastEventId=0&language=ru`, auth, 2, 3000);
    expect(inRussian.events[1].data.title).toBe(
      `Груз ${shipmentId.slice(0, 8)} прошёл таможенное оформление на пункте пропуска Torkham`,
    );
    const inUrdu = await readSse(`${url}?lastEventId=0`, { ...auth, 'accept-language': 'ur-PK' }, 2, 3000);
    expect(inUrdu.events[0].data.title).toBe(
      `کھیپ ${shipmentId.slice(0, 8)} کو کسٹمز نے Torkham پر روک لیا: inspection`,
    );
    // The answer names its language: EventSource always sends Accept-Language, so a reader may not have chosen it.
    await expect(contentLanguageOf(`${url}?lastEventId=0`, { ...auth, 'accept-language': 'ur-PK' })).resolves.toBe(
      'ur',
    );
    await expect(contentLanguageOf(`${url}?lastEventId=0&language=kk`, auth)).resolves.toBe('kk');
    await expect(contentLanguageOf(`${url}?lastEventId=0`, { ...auth, 'accept-language': 'de' })).resolves.toBe('en');

    // Live: a reader without Last-Event-ID gets what comes next, as it commits. Where it starts is
    // read before the response begins, so once the stream is open nothing published can slip past it.
    const live = await openSse(url, auth);
    let pushed: SseEvent;
    try {
      await publish(
        customsEvent('customs.documents.missing', reader.tenantId, shipmentId, { missing: ['tir_carnet'] }),
      );
      [pushed] = await live.waitFor(1);
    } finally {
      live.close();
    }
    expect(pushed.event).toBe('customs.documents.missing');

    // Resumed: what happened while the reader was away, and only that (up to a marker published after it).
    await publish(
      customsEvent('customs.cleared', reader.tenantId, shipmentId),
      customsEvent('customs.held', reader.tenantId, shipmentId, { reason: 'marker' }),
    );
    const resumed = await openSse(url, { ...auth, 'last-event-id': pushed.id! });
    try {
      const [cleared, marker] = await resumed.waitFor(2);
      expect([cleared.event, marker.event]).toEqual(['customs.cleared', 'customs.held']);
      expect(Number(cleared.id)).toBeGreaterThan(Number(pushed.id));
    } finally {
      resumed.close();
    }
    await expect(readSse(url, { ...auth, 'last-event-id': 'yesterday' }, 1)).resolves.toMatchObject({ status: 422 });
  });
});

/** The Content-Language a feed stream is answered with; the stream is closed once the headers are in. */
async function contentLanguageOf(url: string, headers: Record<string, string>): Promise<string | null> {
  const abort = new AbortController();
  try {
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    return response.headers.get('content-language');
  } finally {
    abort.abort();
  }
}
