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
    const topic = topicKeyOf(event.type);
    if (topic !== this.options.publishes) {
      throw new Error(`${this.options.service} publishes on ${this.options.publishes}, not ${event.type} (${topic})`);
    }
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.append needs the transaction that changes the state (dataSource.transaction)');
    }
    const envelope: EventEnvelope<T> = {
      id: newEventId(),
      type: event.type,
      source: sourceOf(topic),
      subject: event.subject,
      time: (event.time ?? this.clock.now()).toISOString(),
      traceparent: event.traceparent ?? currentTraceparent(),
      data: event.data,
    };
    await manager.query(
      `INSERT INTO "${this.options.schema}".outbox (event_id, topic, event_type, source, subject, occurred_at, traceparent, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [envelope.id, topic, envelope.type, envelope.source, envelope.subject, envelope.time, envelope.traceparent ?? null, envelope.data],
    );
    return envelope;
  }
}
