import { Partitioners, type PartitionerArgs, type TopicMessages } from 'kafkajs';

// The relay's partitioner: the one kafkajs itself uses when the relay produces, so the grouping below
// and kafkajs agree on every record's partition.
const partitionOf = Partitioners.DefaultPartitioner();

/** Stand-in partition metadata: with a key, the default partitioner only counts the partitions. */
const metadataOf = (count: number): PartitionerArgs['partitionMetadata'] =>
  Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: -1,
    replicas: [],
    isr: [],
    partitionErrorCode: 0,
  }));

/**
 * Splits a batch into one send per partition, each in the batch's order.
 *
 * kafkajs 2.2.4 can lose records when one send spans several brokers and a partition's leader moves
 * during its retries: the retry keeps the answers of the brokers that acknowledged before and skips
 * them, even for the partitions that moved to them, and the send resolves as if all were written
 * (tulios/kafkajs#1303; the fix, #1798, is not released). A send to one partition reaches one broker
 * per attempt, so every retry goes out whole. `partitions` gives each topic's partition count. kafkajs
 * still picks each record's partition itself, so a count gone stale (partitions added since it was
 * read) never misroutes a record; it can only put two partitions in one send until it is read again.
 */
export function sendsPerPartition(batch: TopicMessages[], partitions: (topic: string) => number): TopicMessages[] {
  const sends = new Map<string, TopicMessages>();
  for (const { topic, messages } of batch) {
    const partitionMetadata = metadataOf(partitions(topic));
    for (const message of messages) {
      const partition = partitionOf({ topic, partitionMetadata, message });
      const key = `${topic}\u0000${partition}`;
      const send = sends.get(key);
      if (send) send.messages.push(message);
      else sends.set(key, { topic, messages: [message] });
    }
  }
  return [...sends.values()];
}
