import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel, Partitioners, type Admin, type Producer } from 'kafkajs';
import { topicName } from '@lib/contracts';
import { createTestDatabase, eventually, type TestDatabase } from '@lib/testing';
import { freePorts } from '../../apps/chaos/src/free-ports';
import { alive, OwnBroker, type BrokerClusterState } from '../../apps/chaos/src/own-broker';

const run = promisify(execFile);
const repo = join(__dirname, '../..');

/**
 * `infra.mjs up --brokers 3`: three KRaft nodes from the same jars on free ports, in a state
 * directory of their own. Losing the active controller to SIGKILL costs neither the quorum nor an
 * acks=all write, and `up` brings the node back until every replica is in sync again.
 * About 45 s on an idle machine, most of it JVM start-ups and the 9 s before a dead broker is fenced.
 */
describe('a replicated local Kafka cluster (infra.mjs up --brokers 3)', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'kafka-cluster-'));
  let database: TestDatabase;
  let cluster: OwnBroker;
  let kafka: Kafka;
  let admin: Admin;
  let topic: string;

  /** infra.mjs as a developer runs it: the cluster size comes from the flag or what `up` remembered. */
  async function infra(...args: string[]) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      INFRA_STATE_DIR: stateDir,
      KAFKA_PORTS: cluster.ports.join(','),
      KAFKA_CONTROLLER_PORTS: cluster.controllerPorts.join(','),
      DATABASE_URL: database.url,
      KAFKA_TOPIC_PREFIX: '',
    };
    for (const name of ['KAFKA_BROKERS', 'KAFKA_BROKER_COUNT', 'KAFKA_PORT', 'KAFKA_CONTROLLER_PORT']) delete env[name];
    return run(process.execPath, [join(repo, 'infra/infra.mjs'), ...args], { env, timeout: 120_000 });
  }

  async function partitionsOf(name: string) {
    const { topics } = await admin.fetchTopicMetadata({ topics: [name] });
    return topics[0].partitions;
  }

  beforeAll(async () => {
    database = await createTestDatabase('kafka_cluster');
    const ports = await freePorts(6);
    cluster = new OwnBroker(repo, stateDir, ports.slice(0, 3), ports.slice(3), {
      DATABASE_URL: database.url,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    });
    await cluster.up();
    kafka = new Kafka({
      clientId: 'kafka-cluster-test',
      brokers: [...cluster.brokerList],
      logLevel: logLevel.NOTHING,
      retry: { retries: 12, initialRetryTime: 300, maxRetryTime: 3000 },
    });
    admin = kafka.admin();
    await admin.connect();
    topic = topicName('shipments', '');
  }, 120_000);

  afterAll(async () => {
    await admin?.disconnect().catch(() => undefined);
    await cluster?.down().catch(() => undefined);
    killLeftovers(stateDir);
    rmSync(stateDir, { recursive: true, force: true });
    await database?.drop();
  });

  it('replicates the project topics three times and needs two replicas in sync', async () => {
    await eventually(async () => {
      const partitions = await partitionsOf(topic);
      expect(partitions).toHaveLength(6);
      for (const p of partitions) {
        expect([...p.replicas].sort()).toEqual([1, 2, 3]);
        expect(p.isr).toHaveLength(3);
      }
      // Leadership is spread over the nodes, not piled on one.
      expect(new Set(partitions.map((p) => p.leader)).size).toBe(3);
    });
    // kafkajs asks the metadata's "controller" (in KRaft any live broker) for a topic's configs; a broker
    // that has not yet applied the topic's creation from the metadata log answers "does not host this
    // topic-partition" for a moment.
    const { resources } = await eventually(() =>
      admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: 2, name: topic, configNames: ['min.insync.replicas'] }],
      }),
    );
    expect(resources[0].configEntries[0]).toMatchObject({ configName: 'min.insync.replicas', configValue: '2' });
  });

  it('reports every node and the active controller, and refuses a second cluster of another size', async () => {
    const state = await cluster.status();
    expect(state).toMatchObject({ size: 3, stateDir: join(stateDir, 'kafka-3') });
    expect(state.brokers).toEqual(
      cluster.brokerList.map((address, i) => ({ id: i + 1, address, up: true, pid: expect.any(Number) })),
    );
    expect([1, 2, 3]).toContain(state.controller);

    await expect(infra('up', '--brokers', '1')).rejects.toThrow(/3-broker Kafka cluster.*npm run infra:down first/s);
  });

  it('survives SIGKILL of the active controller: acks=all writes go on, `up` restarts it into the ISR', async () => {
    const killed = await cluster.killController();

    const during = await eventually(
      async () => {
        const state: BrokerClusterState = await cluster.status();
        expect(state.brokers.find((b) => b.id === killed)).toMatchObject({ up: false, pid: null });
        expect(state.controller).not.toBeNull();
        expect(state.controller).not.toBe(killed);
        return state;
      },
      { timeoutMs: 20_000, intervalMs: 500 },
    );
    expect(during.brokers.filter((b) => b.up)).toHaveLength(2);

    // Clients that know only the survivors, as a client restarted meanwhile would: the first client's
    // connections may still point at the dead node, which the test is not about.
    const survivors = [1, 2, 3].filter((id) => id !== killed);
    const survivorsKafka = new Kafka({
      clientId: 'kafka-cluster-test-survivors',
      brokers: survivors.map((id) => cluster.brokerList[id - 1]),
      logLevel: logLevel.NOTHING,
      retry: { retries: 12, initialRetryTime: 300, maxRetryTime: 3000 },
    });
    const survivorsAdmin = survivorsKafka.admin();
    await survivorsAdmin.connect();
    let producer: Producer | undefined;
    try {
      // Fenced, the killed node leaves every ISR; two in sync still meet min.insync.replicas.
      await eventually(
        async () => {
          const { topics } = await survivorsAdmin.fetchTopicMetadata({ topics: [topic] });
          expect(topics[0].partitions.map((p) => [...p.isr].sort())).toEqual(Array(6).fill(survivors));
        },
        { timeoutMs: 60_000, intervalMs: 1_000 },
      );
      // Until it is fenced, the dead node still counts as alive in metadata, and KRaft names any live
      // broker as the "controller" there. kafkajs asks that broker for an idempotent producer's id and
      // gives up on the first connection error (eosManager.initProducerId bails on anything but a
      // retriable protocol error; the relay retries its connect, this test does so here).
      producer = await eventually(
        async () => {
          const candidate = survivorsKafka.producer({
            createPartitioner: Partitioners.DefaultPartitioner,
            idempotent: true,
          });
          await candidate.connect().catch(async (error: unknown) => {
            await candidate.disconnect().catch(() => undefined);
            throw error;
          });
          return candidate;
        },
        { timeoutMs: 30_000, intervalMs: 1_000 },
      );
      // One record into every partition, including those the killed node led: each has a new leader.
      const written = await producer.send({
        topic,
        acks: -1,
        messages: [0, 1, 2, 3, 4, 5].map((partition) => ({ partition, value: `while ${killed} is down` })),
      });
      expect(written.map((r) => r.partition).sort()).toEqual([0, 1, 2, 3, 4, 5]);
      expect(written.every((r) => r.errorCode === 0)).toBe(true);
    } finally {
      await producer?.disconnect();
      await survivorsAdmin.disconnect();
    }

    // No --brokers: `up` uses the size it remembered and restarts only the missing node.
    const { stdout } = await infra('up');
    expect(stdout.match(/started [\d.]+ broker \d+/g)).toEqual([`started 3.9.2 broker ${killed}`]);
    const after = await cluster.status();
    expect(after.brokers.every((b) => b.up && b.pid !== null)).toBe(true);
    await eventually(async () =>
      expect((await partitionsOf(topic)).map((p) => [...p.isr].sort())).toEqual(Array(6).fill([1, 2, 3])),
    );
  }, 180_000);

  it('`down` stops every node', async () => {
    const pids = (await cluster.status()).brokers.map((b) => b.pid);
    await cluster.down();
    for (const pid of pids) expect(alive(pid!)).toBe(false);
    expect((await cluster.status()).brokers.map((b) => b.up)).toEqual([false, false, false]);
  });
});

/** SIGKILL any node still running from `stateDir` (a failed test must not leave JVMs behind). */
function killLeftovers(stateDir: string) {
  const clusterDir = join(stateDir, 'kafka-3');
  const nodes = existsSync(clusterDir) ? readdirSync(clusterDir).filter((name) => name.startsWith('broker-')) : [];
  for (const node of nodes) {
    try {
      const { pid } = JSON.parse(readFileSync(join(clusterDir, node, 'kafka.pid'), 'utf8')) as { pid: number };
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(clusterDir)) process.kill(pid, 'SIGKILL');
    } catch {
      // no pid file or the process is gone
    }
  }
}
