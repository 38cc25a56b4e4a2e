import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createTestTopics, deleteTestTopics, eventually, testKafka, uniqueName, type TestDatabase } from '@lib/testing';
import { Faults } from '../src/faults';
import { NO_MESSAGING_METRICS } from '../src/messaging-metrics';
import { outboxChannel } from '../src/outbox/messaging-tables';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { createOutboxTestDatabase, pendingCount, relayTestOptions } from './outbox-test-support';

const SCHEMA = 'svc';

/**
 * Writers NOTIFY the relay only while it sleeps. The poll interval here is a minute, so every row
 * that reaches Kafka within seconds was found by the relay awake or woken by a NOTIFY: a lost wake-up
 * (a writer that read "awake" and committed after the relay fell asleep) would leave rows pending.
 */
describe('outbox relay: woken only while it sleeps', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let topics: string[];
  let relay: OutboxRelay | undefined;
  const topicPrefix = `${uniqueName('t')}.`;

  const options = () =>
    relayTestOptions({
      service: 'wake',
      schema: SCHEMA,
      databaseUrl: database.url,
      topicPrefix,
      pollIntervalMs: 60_000,
    });
  const insertRow = (client: { query(sql: string): Promise<unknown> }) =>
    client.query(
      `INSERT INTO ${SCHEMA}.outbox (event_id, topic, event_type, source, subject, occurred_at, payload)
       VALUES (gen_random_uuid(), 'shipments', 'shipment.booked', '/shipments', gen_random_uuid()::text, now(), '{}')`,
    );
  const pending = () => pendingCount(dataSource, SCHEMA);
  const asleep = async () => (await dataSource.query(`SELECT asleep FROM ${SCHEMA}.outbox_relay`))[0].asleep as boolean;

  beforeAll(async () => {
    ({ database, dataSource } = await createOutboxTestDatabase('relay_wake', SCHEMA));
    topics = await createTestTopics(topicPrefix);
  });

  afterAll(async () => {
    await relay?.onApplicationShutdown();
    await dataSource?.destroy();
    await database?.drop();
    if (topics) await deleteTestTopics(topics).catch(() => undefined);
  });

  it('the trigger NOTIFYs while the flag says asleep, and stays silent while it says awake', async () => {
    const listener = new Client({ connectionString: database.url });
    const heard: string[] = [];
    await listener.connect();
    try {
      listener.on('notification', (message) => heard.push(message.channel));
      await listener.query(`LISTEN "${outboxChannel(SCHEMA)}"`);
      await dataSource.query(`UPDATE ${SCHEMA}.outbox_relay SET asleep = false`);
      await insertRow(dataSource);
      await dataSource.query(`UPDATE ${SCHEMA}.outbox_relay SET asleep = true`);
      await insertRow(dataSource);
      await eventually(() => expect(heard).toEqual([outboxChannel(SCHEMA)]));
      // A round trip: a NOTIFY from the first insert would have arrived before its answer.
      await listener.query('SELECT 1');
      expect(heard).toHaveLength(1);
      // Above READ COMMITTED the flag could be read from a snapshot older than the relay's sleep: always NOTIFY.
      await dataSource.query(`UPDATE ${SCHEMA}.outbox_relay SET asleep = false`);
      await dataSource.transaction('REPEATABLE READ', (manager) => insertRow(manager));
      await eventually(() => expect(heard).toHaveLength(2));
      await dataSource.query(`DELETE FROM ${SCHEMA}.outbox`);
    } finally {
      await listener.end();
    }
  });

  it('publishes a row written while it sleeps at once, and says it sleeps when there is nothing to do', async () => {
    relay = new OutboxRelay(options(), testKafka('relay-wake'), dataSource, Faults.none(), NO_MESSAGING_METRICS);
    relay.onApplicationBootstrap();
    await eventually(async () => expect((await relay!.status()).leader).toBe(true));
    await eventually(async () => expect(await asleep()).toBe(true));
    await insertRow(dataSource);
    await eventually(async () => expect(await pending()).toBe(0), { timeoutMs: 3_000 });
    await eventually(async () => expect(await asleep()).toBe(true));
  });

  it('leaves the flag at asleep when it steps down, so writers wake whoever leads next', async () => {
    // A writer's transaction held open keeps the relay awake (polling): the flag says awake.
    const writer = new Client({ connectionString: database.url });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await insertRow(writer);
      await insertRow(dataSource);
      await eventually(async () => expect(await asleep()).toBe(false));
      await relay!.onApplicationShutdown();
      expect(await asleep()).toBe(true);
      await writer.query('COMMIT');
    } finally {
      await writer.end();
    }
    relay = new OutboxRelay(options(), testKafka('relay-wake'), dataSource, Faults.none(), NO_MESSAGING_METRICS);
    relay.onApplicationBootstrap();
    await eventually(async () => expect(await pending()).toBe(0), { timeoutMs: 5_000 });
  });

  it('loses no wake-up while a writer races the relay falling asleep', async () => {
    // Each round: A's commit wakes the relay; B inserts while the relay is awake (so B's trigger reads
    // "awake" and will not NOTIFY) and commits a random moment later — before, during or after the
    // relay goes back to sleep. Nothing is written after B, so only the relay's own care can find B's row.
    const [a, b] = await Promise.all(
      [0, 1].map(async () => {
        const client = new Client({ connectionString: database.url });
        await client.connect();
        return client;
      }),
    );
    const late: number[] = [];
    try {
      for (let round = 0; round < 40; round++) {
        await insertRow(a);
        await b.query('BEGIN');
        await insertRow(b);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 8));
        await b.query('COMMIT');
        const committed = Date.now();
        while ((await pending()) > 0 && Date.now() - committed < 2_000)
          await new Promise((resolve) => setTimeout(resolve, 5));
        if ((await pending()) > 0) {
          late.push(round);
          break;
        }
      }
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
    expect(late).toEqual([]);
  }, 30_000);
});
