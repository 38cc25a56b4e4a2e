import { Kafka, logLevel } from 'kafkajs';
import { allTopics } from '@lib/contracts';

export const TEST_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

export function testKafka(clientId = 'test'): Kafka {
  return new Kafka({
    clientId,
    brokers: TEST_BROKERS,
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 200 },
  });
}

/** Creates topics (by default the whole catalogue under `prefix`) and waits for their leaders. */
export async function createTestTopics(prefix: string, names = allTopics(prefix).map((t) => t.name), partitions = 6) {
  const admin = testKafka('test-admin').admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: false,
      topics: names.map((topic) => ({ topic, numPartitions: partitions })),
    });
    // Waited for here rather than with kafkajs's waitForLeaders: that gives up when a busy broker
    // answers "does not host this topic-partition" for a moment after creating the topic.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const led = await admin
        .fetchTopicMetadata({ topics: names })
        .then(({ topics }) =>
          topics.every((t) => t.partitions.length === partitions && t.partitions.every((p) => p.leader >= 0)),
        )
        .catch(() => false);
      if (led) break;
      if (Date.now() > deadline) throw new Error(`topics ${names.join(', ')} have no leaders after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.disconnect();
  }
  return names;
}

export async function deleteTestTopics(names: string[]) {
  const admin = testKafka('test-admin').admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: names, timeout: 10_000 });
  } finally {
    await admin.disconnect();
  }
}
