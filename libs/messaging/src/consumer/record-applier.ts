import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import type { DataSource, EntityManager } from 'typeorm';
import { childTraceparent, runInTrace } from '@lib/tracing';
import { isEventType } from '@lib/contracts';
import { fromKafkaMessage, headerText, type EventEnvelope } from '../cloud-events';
import type { Faults } from '../faults';
import type { MessagingMetrics } from '../messaging-metrics';
import type { MessagingOptions } from '../messaging.options';
import type { DeadLetterPublisher } from './dead-letter-publisher';
import { EventContext, type AfterCommit, type RecordPosition } from './event-context';
import { isPermanent } from './event-errors';

export type ProcessOutcome = 'applied' | 'duplicate' | 'ignored' | 'dead-lettered';

/** A handler as the applier calls it; a promise or an observable it returns is awaited. */
export type EventHandler = (event: EventEnvelope, context: EventContext) => unknown;

/** The handler of a `ce_type`, or undefined when this service does not handle that type. */
export type HandlerLookup = (type: string) => EventHandler | undefined;

/**
 * Applies consumed records to the service's handlers, exactly once in effect:
 *   1. the record's `ce_id` is inserted into the inbox in a transaction, and the handler writes its
 *      effect through the same transaction (`EventContext.manager`): a redelivered id does nothing;
 *   2. a failing handler is retried with exponential backoff (heartbeating meanwhile), then the
 *      record is dead-lettered with the error, its origin and the attempts.
 * Each record is applied in its own trace and counted by type and outcome. Offsets are not its business:
 * the caller commits them once these methods have returned.
 */
export class RecordApplier {
  private readonly log = new Logger(RecordApplier.name);

  constructor(
    private readonly options: Pick<MessagingOptions, 'service' | 'schema' | 'consumer'>,
    private readonly dataSource: DataSource,
    private readonly handlerOf: HandlerLookup,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly faults: Faults,
    private readonly metrics: MessagingMetrics,
  ) {}

  /**
   * Applies consecutive records of a partition in one transaction (one commit, one WAL flush, instead
   * of one per record; their inbox rows in one statement), each in its own trace. Anything unusual — a record that
   * does not parse, a handler that throws — rolls the whole chunk back and returns false, and the
   * caller applies the records one by one (`applyOne`) with retries and dead letters. Effects are never partial.
   */
  async applyTogether(topic: string, partition: number, messages: KafkaMessage[]): Promise<boolean> {
    const items: { message: KafkaMessage; type: string; event?: EventEnvelope; handler?: EventHandler }[] = [];
    for (const message of messages) {
      const declared = headerText(message.headers, 'ce_type');
      if (declared !== undefined && isEventType(declared) && !this.handlerOf(declared)) {
        items.push({ message, type: declared });
        continue;
      }
      let event: EventEnvelope;
      try {
        event = fromKafkaMessage(message);
      } catch {
        return false;
      }
      items.push({ message, type: event.type, event, handler: this.handlerOf(event.type) });
    }
    const afterCommit: AfterCommit[] = [];
    let outcomes: ProcessOutcome[];
    try {
      outcomes = await this.dataSource.transaction(async (manager) => {
        // One statement records the whole chunk in the inbox; only the ids it inserted are applied.
        const handled = items.filter(
          (item): item is typeof item & { event: EventEnvelope } => !!item.event && !!item.handler,
        );
        const fresh = await this.recordAll(
          manager,
          topic,
          partition,
          handled.map(({ event, message }) => ({ event, offset: message.offset })),
        );
        const applied: ProcessOutcome[] = [];
        for (const { message, event, handler } of items) {
          if (!event || !handler) {
            applied.push('ignored');
            continue;
          }
          // Postgres answers ids in its own (lower-case) spelling; an id twice in a chunk is applied once.
          if (!fresh.delete(event.id.toLowerCase())) {
            this.log.debug({ eventId: event.id, type: event.type }, 'already processed; skipped');
            applied.push('duplicate');
            continue;
          }
          const position = { topic, partition, offset: message.offset };
          const trace = childTraceparent(headerText(message.headers, 'traceparent'));
          await runInTrace(trace, () => this.applyHandler(manager, event, handler, position, 1, afterCommit));
          applied.push('applied');
        }
        return applied;
      });
    } catch (error) {
      this.log.debug(
        { err: error, topic, partition, records: messages.length },
        'chunk did not apply as a whole; applying its records one by one',
      );
      return false;
    }
    await this.runAfterCommit(afterCommit);
    items.forEach(({ type }, i) => this.metrics.consumed(isEventType(type) ? type : 'unknown', outcomes[i]));
    return true;
  }

  /**
   * Applies one record with retries, or dead-letters it, and counts the outcome. Throws only if the dead
   * letter cannot be written.
   */
  async applyOne(
    position: RecordPosition,
    message: KafkaMessage,
    heartbeat: () => Promise<void> = async () => {},
  ): Promise<ProcessOutcome> {
    // The handler, its logs and the events it writes continue the trace of the record.
    const trace = childTraceparent(headerText(message.headers, 'traceparent'));
    const outcome = await runInTrace(trace, () => this.settle(position, message, heartbeat));
    const type = headerText(message.headers, 'ce_type');
    // Only catalogue types as labels: a malformed record must not mint a new time series.
    this.metrics.consumed(type !== undefined && isEventType(type) ? type : 'unknown', outcome);
    return outcome;
  }

  private async settle(
    position: RecordPosition,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<ProcessOutcome> {
    // A topic carries many types; skip those this service has no handler for before parsing anything.
    const declared = headerText(message.headers, 'ce_type');
    if (declared !== undefined && isEventType(declared) && !this.handlerOf(declared)) return 'ignored';
    let event: EventEnvelope;
    try {
      event = fromKafkaMessage(message);
    } catch (error) {
      await this.deadLetters.publish(position, message, error, 1);
      return 'dead-lettered';
    }
    const handler = this.handlerOf(event.type);
    // A topic carries many types; those this service has no handler for are not its business.
    if (!handler) return 'ignored';
    const { maxAttempts, retryBaseMs } = this.options.consumer;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.applyOnce(event, handler, position, attempt);
      } catch (error) {
        if (isPermanent(error) || attempt >= maxAttempts) {
          await this.deadLetters.publish(position, message, error, attempt);
          return 'dead-lettered';
        }
        const delay = retryBaseMs * 2 ** (attempt - 1);
        this.log.warn(
          { err: error, eventId: event.id, type: event.type, attempt, retryInMs: delay },
          'event handler failed; retrying',
        );
        await sleep(delay);
        await heartbeat();
      }
    }
  }

  private async applyOnce(
    event: EventEnvelope,
    handler: EventHandler,
    position: RecordPosition,
    attempt: number,
  ): Promise<ProcessOutcome> {
    const afterCommit: AfterCommit[] = [];
    const outcome = await this.dataSource.transaction((manager) =>
      this.applyIn(manager, event, handler, position, attempt, afterCommit),
    );
    await this.runAfterCommit(afterCommit);
    return outcome;
  }

  /** Best effort: what it starts is also recoverable from Postgres (a sweep), so a failure is only logged. */
  private async runAfterCommit(works: AfterCommit[]): Promise<void> {
    for (const work of works) {
      await work().catch((error: unknown) =>
        this.log.warn({ err: error }, 'after-commit work failed; its sweep recovers it'),
      );
    }
  }

  /** The inbox row and the handler's effect, in the caller's transaction. */
  private async applyIn(
    manager: EntityManager,
    event: EventEnvelope,
    handler: EventHandler,
    position: RecordPosition,
    attempt: number,
    afterCommit: AfterCommit[],
  ): Promise<ProcessOutcome> {
    const recorded = await this.recordAll(manager, position.topic, position.partition, [
      { event, offset: position.offset },
    ]);
    if (recorded.size === 0) {
      this.log.debug({ eventId: event.id, type: event.type }, 'already processed; skipped');
      return 'duplicate';
    }
    await this.applyHandler(manager, event, handler, position, attempt, afterCommit);
    return 'applied';
  }

  /** Inbox rows for records of one partition, in one statement; answers the ids that were not there yet. */
  private async recordAll(
    manager: EntityManager,
    topic: string,
    partition: number,
    records: { event: EventEnvelope; offset: string }[],
  ): Promise<Set<string>> {
    if (records.length === 0) return new Set();
    const inserted: { event_id: string }[] = await manager.query(
      `INSERT INTO "${this.options.schema}".inbox (consumer, event_id, event_type, topic, partition, "offset")
       SELECT $1, r.id, r.type, $2, $3, r.off FROM unnest($4::uuid[], $5::text[], $6::bigint[]) AS r(id, type, off)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [
        this.options.service,
        topic,
        partition,
        records.map((r) => r.event.id),
        records.map((r) => r.event.type),
        records.map((r) => r.offset),
      ],
    );
    return new Set(inserted.map((row) => row.event_id));
  }

  /** The handler's effect, through the caller's transaction (its inbox row is already written). */
  private async applyHandler(
    manager: EntityManager,
    event: EventEnvelope,
    handler: EventHandler,
    position: RecordPosition,
    attempt: number,
    afterCommit: AfterCommit[],
  ): Promise<void> {
    this.faults.failIfPoisoned(event.subject);
    const result = await handler(event, new EventContext([event, manager, position, attempt, afterCommit]));
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    this.log.log({ eventId: event.id, type: event.type, subject: event.subject, attempt }, 'event applied');
  }
}
