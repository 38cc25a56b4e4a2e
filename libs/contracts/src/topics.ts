// The JSON file is the single list of topics: infra/infra.mjs creates exactly these before any service starts.
import catalogue from './topics.json';

export type TopicKey = 'shipments' | 'customs' | 'notifications';

export interface TopicSpec {
  /** Full topic name, including any prefix (tests use a per-run prefix). */
  name: string;
  partitions: number;
  retentionMs: number;
}

const byKey = new Map(catalogue.topics.map((topic) => [topic.key as TopicKey, topic]));

/** Name of a source topic, e.g. `topicName('shipments')` → `shipments.events.v1`. */
export function topicName(key: TopicKey, prefix = ''): string {
  const topic = byKey.get(key);
  if (!topic) throw new Error(`Unknown topic key ${key}`);
  return `${prefix}${topic.name}`;
}

/** The CloudEvents `ce_source` of the service that owns a topic, e.g. `/shipments`. */
export function sourceOf(key: TopicKey): string {
  const topic = byKey.get(key);
  if (!topic) throw new Error(`Unknown topic key ${key}`);
  return topic.source;
}

export function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith(catalogue.deadLetter.suffix);
}

/** The origin of a dead-letter topic: `shipments.events.v1.dlq` → `shipments.events.v1`. */
export function originTopicName(deadLetterTopic: string): string {
  if (!isDeadLetterTopic(deadLetterTopic)) throw new Error(`${deadLetterTopic} is not a dead-letter topic`);
  return deadLetterTopic.slice(0, -catalogue.deadLetter.suffix.length);
}

/** How long a dead letter waits on its `.dlq` topic for a replay (infra creates them with this retention). */
export const DEAD_LETTER_RETENTION_MS: number = catalogue.deadLetter.retentionMs;

/** The longest retention of a source topic: how late a lagging consumer can still read (and dead-letter) a record. */
export const SOURCE_TOPIC_RETENTION_MS: number = Math.max(...catalogue.topics.map((topic) => topic.retentionMs));

export function deadLetterTopicName(topic: string): string {
  return `${topic}${catalogue.deadLetter.suffix}`;
}

/** Every topic the system needs, source topics with their dead-letter twins. */
export function allTopics(prefix = ''): TopicSpec[] {
  return catalogue.topics.flatMap((topic) => [
    { name: `${prefix}${topic.name}`, partitions: catalogue.defaultPartitions, retentionMs: topic.retentionMs },
    {
      name: deadLetterTopicName(`${prefix}${topic.name}`),
      partitions: catalogue.defaultPartitions,
      retentionMs: catalogue.deadLetter.retentionMs,
    },
  ]);
}
