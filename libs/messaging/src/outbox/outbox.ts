import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@lib/clock';
import { preparedQuery, SqlParams } from '@lib/database';
import { currentTraceparent } from '@lib/tracing';
import type { EntityManager } from 'typeorm';
import { sourceOf, topicKeyOf, type EventPayload, type EventType } from '@lib/contracts';
import { newEventId, type EventEnvelope } from '../cloud-events';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';

export interface NewEvent<T extends EventType> {
  type: T;
  /** What the event is about (its id): the record key, so one subject's events stay in order. */
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
    const params = new SqlParams();
    const { sql, envelopes } = this.insertion(events, params);
    // One text whatever the count, so it is prepared once per connection.
    await preparedQuery(manager, sql, params.values);
    return envelopes;
  }

  /**
   * The insert of these events, for a caller that writes its state change and its events in one
   * statement (a data-modifying CTE: `WITH outbox AS (<sql>) …`); they are in the outbox exactly when
   * the caller's statement is, so it must run in the transaction that changes the state. Seq follows
   * the given order (per-subject order on Kafka depends on it). One parameter whatever the count.
   */
  insertion(events: NewEvent<EventType>[], params: SqlParams): { sql: string; envelopes: EventEnvelope[] } {
    const envelopes = events.map((event) => this.envelope(event));
    const rows = envelopes.map((e) => ({
      event_id: e.id,
      topic: topicKeyOf(e.type),
      event_type: e.type,
      source: e.source,
      subject: e.subject,
      occurred_at: e.time,
      traceparent: e.traceparent ?? null,
      payload: e.data,
    }));
    const sql = `INSERT INTO "${this.options.schema}".outbox
                (event_id, topic, event_type, source, subject, occurred_at, traceparent, payload)
       SELECT event_id, topic, event_type, source, subject, occurred_at, traceparent, payload
         FROM ROWS FROM (json_to_recordset(${params.add(JSON.stringify(rows), 'json')})
                AS (event_id uuid, topic text, event_type text, source text, subject text,
                    occurred_at timestamptz, traceparent text, payload jsonb))
              WITH ORDINALITY AS e(event_id, topic, event_type, source, subject, occurred_at, traceparent, payload, ord)
        ORDER BY ord`;
    return { sql, envelopes };
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
