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
      waitForLeaders: true,
      topics: names.map((topic) => ({ topic, numPartitions: partitions })),
    });
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
