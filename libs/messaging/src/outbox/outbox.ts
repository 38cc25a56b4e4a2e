import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@lib/clock';
import { currentTraceparent } from '@lib/tracing';
import type { EntityManager } from 'typeorm';
import { sourceOf, topicKeyOf, type EventPayload, type EventType } from '@lib/contracts';
import { newEventId, type EventEnvelope } from '../cloud-events';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';

export interface NewEvent<T extends EventType> {
  type: T;
  /** The shipment id. */
  subject: string;
  data: EventPayload<T>;
  /** When the fact happened; defaults to the clock's now. */
  time?: Date;
  /** Defaults to the current trace (the HTTP request or the event being handled). */
  traceparent?: string;
}

/**
 * Records events in the service's outbox inside the caller's transaction, so the event exists
 * exactly when the state change does. The relay publishes it to Kafka afterwards.
 */
@Injectable()
export class Outbox {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async append<T extends EventType>(manager: EntityManager, event: NewEvent<T>): Promise<EventEnvelope<T>> {
    const [envelope] = await this.appendAll(manager, [event]);
    return envelope as EventEnvelope<T>;
  }

  /** Several events in one statement (a carrier batch publishes hundreds), in the given order. */
  async appendAll(manager: EntityManager, events: NewEvent<EventType>[]): Promise<EventEnvelope[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.append needs the transaction that changes the state (dataSource.transaction)');
    }
    if (events.length === 0) return [];
    const envelopes = events.map((event) => this.envelope(event));
    const columns = 8;
    const values = envelopes.map((_, row) => `(${Array.from({ length: columns }, (_, col) => `$${row * columns + col + 1}`).join(', ')})`);
    await manager.query(
      `INSERT INTO "${this.options.schema}".outbox (event_id, topic, event_type, source, subject, occurred_at, traceparent, payload)
       VALUES ${values.join(', ')}`,
      envelopes.flatMap((e) => [e.id, topicKeyOf(e.type), e.type, e.source, e.subject, e.time, e.traceparent ?? null, JSON.stringify(e.data)]),
    );
    return envelopes;
  }

  private envelope<T extends EventType>(event: NewEvent<T>): EventEnvelope<T> {
    const topic = topicKeyOf(event.type);
    if (topic !== this.options.publishes) {
      throw new Error(`${this.options.service} publishes on ${this.options.publishes}, not ${event.type} (${topic})`);
    }
    return {
      id: newEventId(),
      type: event.type,
      source: sourceOf(topic),
      subject: event.subject,
      time: (event.time ?? this.clock.now()).toISOString(),
      traceparent: event.traceparent ?? currentTraceparent(),
      data: event.data,
    };
  }
}
