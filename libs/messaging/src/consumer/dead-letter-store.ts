import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { allTopics, isDeadLetterTopic, originTopicName } from '@lib/contracts';
import { headerText } from '../cloud-events';
import { readTopicsToEnd } from '../topic-reader';
import { readDeadLetterFacts, withoutDeadLetterHeaders, type DeadLetterFacts } from './dead-letter';

/** A dead letter as operators see it: where it sits, what it was, why it failed. */
export interface DeadLetter {
  ref: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  eventId?: string;
  eventType?: string;
  subject?: string;
  facts: DeadLetterFacts;
  headers: Record<string, string>;
  value: string | null;
}

/** `<dlq topic>:<partition>:<offset>`, the handle `show` and `replay` take. */
export function parseDeadLetterRef(ref: string): { topic: string; partition: number; offset: string } {
  const match = /^(.+):(\d+):(\d+)$/.exec(ref);
  if (!match || !isDeadLetterTopic(match[1])) throw new Error(`"${ref}" is not <topic>.dlq:<partition>:<offset>`);
  return { topic: match[1], partition: Number(match[2]), offset: match[3] };
}

function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name]) => [name, headerText(headers, name) ?? '']));
}

function deadLetterOf(topic: string, partition: number, message: KafkaMessage): DeadLetter {
  return {
    ref: `${topic}:${partition}:${message.offset}`,
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    eventId: headerText(message.headers, 'ce_id'),
    eventType: headerText(message.headers, 'ce_type'),
    subject: headerText(message.headers, 'ce_subject'),
    facts: readDeadLetterFacts(message.headers),
    headers: textHeaders(message.headers),
    value: message.value?.toString() ?? null,
  };
}

/**
 * Reads dead-letter topics to their current end without joining any service's consumer group, and
 * replays them: the one implementation behind `npm run ops -- dlq` and the operator console.
 */
export class DeadLetterStore {
  constructor(
    private readonly kafka: Kafka,
    private readonly topicPrefix = '',
  ) {}

  deadLetterTopics(): string[] {
    return allTopics(this.topicPrefix)
      .map((t) => t.name)
      .filter(isDeadLetterTopic);
  }

  async list(topics = this.deadLetterTopics()): Promise<DeadLetter[]> {
    const records = await readTopicsToEnd(this.kafka, topics);
    return records
      .map(({ topic, partition, message }) => deadLetterOf(topic, partition, message))
      .sort((a, b) => a.ref.localeCompare(b.ref, undefined, { numeric: true }));
  }

  async find(ref: string): Promise<DeadLetter> {
    const { topic } = parseDeadLetterRef(ref);
    const found = (await this.list([topic])).find((letter) => letter.ref === ref);
    if (!found) throw new Error(`no dead letter at ${ref}`);
    return found;
  }

  /**
   * Publishes dead letters back to their origin topics as they were (same key, value and `ce_*`
   * headers, so the same `ce_id`), plus `replay_of`. Consumers that already applied an event skip
   * it, so replaying twice is harmless.
   */
  async replay(letters: DeadLetter[]): Promise<{ ref: string; origin: string; eventId?: string }[]> {
    const producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      const done = [];
      for (const letter of letters) {
        const origin = letter.facts.topic || originTopicName(letter.topic);
        const headers = withoutDeadLetterHeaders(letter.headers);
        await producer.send({
          topic: origin,
          acks: -1,
          messages: [{ key: letter.key, value: letter.value, headers: { ...headers, replay_of: letter.ref } }],
        });
        done.push({ ref: letter.ref, origin, eventId: letter.eventId });
      }
      return done;
    } finally {
      await producer.disconnect();
    }
  }
}
