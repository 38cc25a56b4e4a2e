import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

export interface ReadRecord {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/** Offsets `[from, to)` of one partition. */
export interface PartitionRange {
  topic: string;
  partition: number;
  from: number;
  to: number;
}

/** Each partition's first kept and next offsets (low, high), as the broker reports them now. */
export async function partitionOffsets(
  kafka: Kafka,
  topics: string[],
): Promise<{ topic: string; partition: number; low: number; high: number }[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const found = [];
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic))
        found.push({ topic, partition: p.partition, low: Number(p.low), high: Number(p.high) });
    }
    return found;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads topics from the beginning up to their current end (for operators' tools and tests), with a
 * throwaway consumer group that is deleted afterwards; commits nothing and touches no service's group.
 */
export async function readTopicsToEnd(kafka: Kafka, topics: string[], timeoutMs = 30_000): Promise<ReadRecord[]> {
  const offsets = await partitionOffsets(kafka, topics);
  return readRanges(
    kafka,
    offsets.map(({ topic, partition, low, high }) => ({ topic, partition, from: low, to: high })),
    timeoutMs,
  );
}

/**
 * Reads the given offset ranges (empty ones skipped) as `readTopicsToEnd` does, seeking each
 * partition to its range's start: the recent records of a topic without reading it all.
 */
export async function readRanges(kafka: Kafka, ranges: PartitionRange[], timeoutMs = 30_000): Promise<ReadRecord[]> {
  const wanted = new Map(ranges.filter((r) => r.to > r.from).map((r) => [`${r.topic}:${r.partition}`, r]));
  if (wanted.size === 0) return [];
  const topics = [...new Set([...wanted.values()].map((r) => r.topic))];

  const groupId = `reader-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, sessionTimeout: 6_000, heartbeatInterval: 500 });
  const records: ReadRecord[] = [];
  const remaining = new Set(wanted.keys());
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out reading ${topics.join(', ')}`)), timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachMessage: ({ topic, partition, message }) => {
            const key = `${topic}:${partition}`;
            const range = wanted.get(key);
            const offset = Number(message.offset);
            if (range === undefined || offset < range.from || offset >= range.to) return Promise.resolve();
            records.push({ topic, partition, message });
            if (offset >= range.to - 1) remaining.delete(key);
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch(reject);
      // Applied as the partitions are assigned; a range starting at the topic's beginning needs none.
      for (const range of wanted.values())
        consumer.seek({ topic: range.topic, partition: range.partition, offset: String(range.from) });
    });
  } finally {
    await consumer.disconnect();
    const cleanup = kafka.admin();
    await cleanup.connect();
    await cleanup.deleteGroups([groupId]).catch(() => undefined);
    await cleanup.disconnect();
  }
  return records;
}

/** True when the group has committed past every record now in the topics: it has caught up. */
export async function groupCaughtUp(kafka: Kafka, groupId: string, topics: string[]): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({ groupId, topics });
    for (const { topic, partitions } of committed) {
      const ends = await admin.fetchTopicOffsets(topic);
      for (const end of ends) {
        const done = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        const low = Number(end.low);
        const high = Number(end.high);
        if (high > low && Number(done) < high) return false;
      }
    }
    return true;
  } finally {
    await admin.disconnect();
  }
}
