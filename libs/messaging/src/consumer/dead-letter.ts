import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { headerText } from '../cloud-events';

/** Headers added to a dead-lettered record; the `ce_*` headers stay, so it is still a valid CloudEvent. */
export const DLQ_HEADERS = {
  error: 'dlq_error',
  errorType: 'dlq_error_type',
  topic: 'dlq_origin_topic',
  partition: 'dlq_origin_partition',
  offset: 'dlq_origin_offset',
  consumer: 'dlq_consumer',
  attempts: 'dlq_attempts',
  failedAt: 'dlq_failed_at',
} as const;

export interface DeadLetterFacts {
  error: string;
  errorType: string;
  topic: string;
  partition: number;
  offset: string;
  consumer: string;
  attempts: number;
  failedAt: string;
}

export function toDeadLetter(message: KafkaMessage, facts: DeadLetterFacts): Message {
  return {
    key: message.key,
    value: message.value,
    timestamp: message.timestamp,
    headers: {
      ...message.headers,
      [DLQ_HEADERS.error]: facts.error.slice(0, 4000),
      [DLQ_HEADERS.errorType]: facts.errorType,
      [DLQ_HEADERS.topic]: facts.topic,
      [DLQ_HEADERS.partition]: String(facts.partition),
      [DLQ_HEADERS.offset]: facts.offset,
      [DLQ_HEADERS.consumer]: facts.consumer,
      [DLQ_HEADERS.attempts]: String(facts.attempts),
      [DLQ_HEADERS.failedAt]: facts.failedAt,
    },
  };
}

export function readDeadLetterFacts(headers: IHeaders | undefined): DeadLetterFacts {
  const text = (name: string) => headerText(headers, name) ?? '';
  return {
    error: text(DLQ_HEADERS.error),
    errorType: text(DLQ_HEADERS.errorType),
    topic: text(DLQ_HEADERS.topic),
    partition: Number(text(DLQ_HEADERS.partition)),
    offset: text(DLQ_HEADERS.offset),
    consumer: text(DLQ_HEADERS.consumer),
    attempts: Number(text(DLQ_HEADERS.attempts)),
    failedAt: text(DLQ_HEADERS.failedAt),
  };
}

/** The record as it was before it failed: the dead-letter headers removed, for replay to its origin. */
export function withoutDeadLetterHeaders(headers: IHeaders | undefined): IHeaders {
  const dlq = new Set<string>(Object.values(DLQ_HEADERS));
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !dlq.has(name)));
}
