// The broker the benchmarks use (KAFKA_BROKERS, default the local one infra.mjs starts), or the
// brokers a caller names (a cluster of its own, as `npm run bench:scale` starts).
import { Kafka, logLevel } from 'kafkajs';

const clientOf = (brokers) => new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING });
const kafka = clientOf((process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','));

/** Runs `work(admin)` on a connected admin client (of `brokers` when given) and disconnects it. */
export async function withAdmin(work, brokers) {
  const client = (brokers ? clientOf(brokers) : kafka).admin();
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.disconnect();
  }
}

/**
 * Creates `topics` (kafkajs createTopics entries) and returns once every partition has a leader and
 * at least `minInSync` replicas in sync. On a replicated cluster the metadata reaches the brokers a
 * moment after the controller answers, and kafkajs's own waitForLeaders gives up on the first
 * "does not host this topic-partition" it meets there.
 */
export async function createTopicsInSync(admin, topics, { minInSync = 1, timeoutMs = 60_000 } = {}) {
  await admin.createTopics({ waitForLeaders: false, topics });
  const names = topics.map((t) => t.topic);
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics: names });
      const waiting = found.flatMap((t) => t.partitions).filter((p) => p.leader < 0 || p.isr.length < minInSync);
      if (found.length === names.length && waiting.length === 0) return;
      last = `${waiting.length} partitions without a leader or ${minInSync} in-sync replicas`;
    } catch (error) {
      last = error.message;
    }
    if (Date.now() > deadline) throw new Error(`kafka: topics not ready after ${timeoutMs} ms (${last})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
