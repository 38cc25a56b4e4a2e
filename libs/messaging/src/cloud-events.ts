import { randomUUID } from 'node:crypto';
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { isEventType, type EventPayload, type EventType } from '@lib/contracts';

/** One fact, as CloudEvents 1.0 describes it; on Kafka it travels in binary mode (see `toKafkaMessage`). */
export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  source: string;
  /** What the event is about (its id): also the record key, so one subject's events stay in order. */
  subject: string;
  time: string;
  traceparent?: string;
  data: EventPayload<T>;
}

/** The record cannot be read as one of our CloudEvents; retrying will not change that. */
export class MalformedEventError extends Error {
  override name = 'MalformedEventError';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function newEventId(): string {
  return randomUUID();
}

/** Binary mode: the payload is the record value, the attributes are `ce_*` headers, the key is the subject. */
export function toKafkaMessage(event: EventEnvelope): Message {
  const headers: IHeaders = {
    ce_specversion: '1.0',
    ce_id: event.id,
    ce_source: event.source,
    ce_type: event.type,
    ce_subject: event.subject,
    ce_time: event.time,
    'content-type': 'application/json',
  };
  if (event.traceparent) headers.traceparent = event.traceparent;
  return { key: event.subject, value: JSON.stringify(event.data), headers };
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** Reads a record back into an envelope; anything that is not a valid event of the catalogue is malformed. */
export function fromKafkaMessage(message: Pick<KafkaMessage, 'headers' | 'value'>): EventEnvelope {
  const attribute = (name: string) => {
    const value = headerText(message.headers, name);
    if (!value) throw new MalformedEventError(`header ${name} is missing`);
    return value;
  };
  if (attribute('ce_specversion') !== '1.0') throw new MalformedEventError('ce_specversion must be 1.0');
  const id = attribute('ce_id');
  if (!UUID.test(id)) throw new MalformedEventError(`ce_id "${id}" is not a UUID`);
  const type = attribute('ce_type');
  if (!isEventType(type)) throw new MalformedEventError(`ce_type "${type}" is not in the catalogue`);
  const time = attribute('ce_time');
  if (Number.isNaN(Date.parse(time))) throw new MalformedEventError(`ce_time "${time}" is not a timestamp`);
  let data: unknown;
  try {
    data = JSON.parse(message.value?.toString() ?? '');
  } catch {
    throw new MalformedEventError('record value is not JSON');
  }
  if (typeof data !== 'object' || data === null) throw new MalformedEventError('record value is not a JSON object');
  return {
    id,
    type,
    source: attribute('ce_source'),
    subject: attribute('ce_subject'),
    time,
    traceparent: headerText(message.headers, 'traceparent'),
    data: data as EventPayload<typeof type>,
  };
}
