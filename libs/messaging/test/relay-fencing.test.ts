import { createServer, connect, type Server, type Socket } from 'node:net';
import type { EventType } from '@lib/contracts';
import { topicName } from '@lib/contracts';
import type { DataSource } from 'typeorm';
import { createTestTopics, deleteTestTopics, eventually, testKafka, uniqueName, type TestDatabase } from '@lib/testing';
import { Faults } from '../src/faults';
import { headerText } from '../src/cloud-events';
import { readTopicsToEnd } from '../src/topic-reader';
import type { MessagingMetrics } from '../src/messaging-metrics';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { createOutboxTestDatabase, pendingCount, relayTestOptions } from './outbox-test-support';

const SCHEMA = 'svc';

/**
 * A TCP hop between a relay's lock connection and Postgres that can drop its connections silently:
 * bytes stop flowing both ways, but neither end is told — as a dead NAT entry or a cut cable does.
 */
class SilentDropProxy {
  private readonly server: Server;
  private readonly pairs: [Socket, Socket][] = [];

  constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => {
      const upstream = connect(target.port, target.host);
      client.on('error', () => undefined);
      upstream.on('error', () => undefined);
      client.pipe(upstream);
      upstream.pipe(client);
      this.pairs.push([client, upstream]);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  /** Existing connections go silent; new ones still pass. */
  dropSilently(): void {
    for (const [client, upstream] of this.pairs.splice(0)) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
      this.silenced.push(client, upstream);
    }
  }

  private readonly silenced: Socket[] = [];

  async close(): Promise<void> {
    for (const socket of [...this.silenced, ...this.pairs.flat()]) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Counts, per relay, the events it published and marked. */
function countingMetrics(): MessagingMetrics & { count: number } {
  const metrics = {
    count: 0,
    published: (_: EventType, n: number) => void (metrics.count += n),
    consumed: () => undefined,
    deadLettered: () => undefined,
  };
  return metrics;
}

describe('outbox relay: the leader lock is fenced', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let proxy: SilentDropProxy;
  let topics: string[];
  const topicPrefix = `${uniqueName('t')}.`;
  const relays: OutboxRelay[] = [];

  const options = (service: string, databaseUrl: string) =>
    relayTestOptions({
      service,
      schema: SCHEMA,
      databaseUrl,
      topicPrefix,
      pollIntervalMs: 200,
      leaderLock: { checkIntervalMs: 500, queryTimeoutMs: 1_500 },
    });
  const startRelay = (service: string, databaseUrl: string, metrics: MessagingMetrics) => {
    const relay = new OutboxRelay(
      options(service, databaseUrl),
      testKafka(service),
      dataSource,
      Faults.none(),
      metrics,
    );
    relays.push(relay);
    relay.onApplicationBootstrap();
    return relay;
  };
  const append = async (count: number) => {
    await dataSource.query(
      `INSERT INTO ${SCHEMA}.outbox (event_id, topic, event_type, source, subject, occurred_at, payload)
       SELECT gen_random_uuid(), 'shipments', 'shipment.booked', '/shipments', gen_random_uuid()::text, now(), '{}'
         FROM generate_series(1, $1)`,
      [count],
    );
  };
  const pending = () => pendingCount(dataSource, SCHEMA);

  beforeAll(async () => {
    ({ database, dataSource } = await createOutboxTestDatabase('relay_fencing', SCHEMA));
    topics = await createTestTopics(topicPrefix);
    const postgres = new URL(database.url);
    proxy = new SilentDropProxy({ host: postgres.hostname, port: Number(postgres.port || 5432) });
  });

  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.onApplicationShutdown()));
    await proxy?.close();
    await dataSource?.destroy();
    await database?.drop();
    if (topics) await deleteTestTopics(topics).catch(() => undefined);
  });

  it('stops a leader whose lock session silently dropped; the next leader publishes everything, once', async () => {
    const viaProxy = new URL(database.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(await proxy.listen());
    const metricsA = countingMetrics();
    const metricsB = countingMetrics();

    // A leads, its lock session through the proxy; B waits for the lock.
    const a = startRelay('relay-a', viaProxy.toString(), metricsA);
    await eventually(async () => expect((await a.status()).leader).toBe(true));
    await append(20);
    await eventually(async () => expect(await pending()).toBe(0));
    expect(metricsA.count).toBe(20);
    const b = startRelay('relay-b', database.url, metricsB);
    // B has asked for the lock (its session's last statement) and been refused: it follows.
    await eventually(async () => {
      const [tried] = await dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'relay-b-relay'
            AND query LIKE '%pg_try_advisory_lock%'`,
      );
      expect(tried.n).toBe(1);
    });
    expect((await b.status()).leader).toBe(false);

    // A's session vanishes without A hearing of it: Postgres ends the backend (freeing the lock), the
    // goodbye never arrives.
    proxy.dropSilently();
    const [terminated] = await dataSource.query(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'relay-a-relay'`,
    );
    expect(terminated.n).toBe(1);

    // Work keeps coming while B takes over and A has not yet noticed.
    for (let i = 0; i < 10; i++) {
      await append(5);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await eventually(async () => expect((await b.status()).leader).toBe(true), { timeoutMs: 10_000 });
    await eventually(async () => expect((await a.status()).leader).toBe(false), { timeoutMs: 10_000 });
    await eventually(async () => expect(await pending()).toBe(0), { timeoutMs: 15_000 });

    // Only the leader published after the drop, and every event is on Kafka exactly once.
    expect(metricsA.count).toBe(20);
    expect(metricsB.count).toBe(50);
    const onKafka = await readEventIds(topicName('shipments', topicPrefix), 70);
    const [{ ids }] = await dataSource.query(
      `SELECT array_agg(event_id::text ORDER BY seq) AS ids FROM ${SCHEMA}.outbox`,
    );
    expect([...onKafka].sort()).toEqual([...ids].sort());
  });
});

/** Every `ce_id` on the topic, read from the beginning to its end offsets (all that was published, extras included). */
async function readEventIds(topic: string, expected: number): Promise<string[]> {
  const records = await readTopicsToEnd(testKafka('fencing-reader'), [topic]);
  const ids = records.map(({ message }) => headerText(message.headers, 'ce_id') ?? '');
  expect(ids.length).toBeGreaterThanOrEqual(expected);
  return ids;
}
