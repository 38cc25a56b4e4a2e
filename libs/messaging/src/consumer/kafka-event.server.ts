import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { Partitioners, type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import { childTraceparent, runInTrace } from '@lib/tracing';
import { deadLetterTopicName, isEventType, topicKeyOf, topicName, type EventType } from '@lib/contracts';
import { fromKafkaMessage, headerText, type EventEnvelope } from '../cloud-events';
import { FAULTS, Faults } from '../faults';
import { KAFKA } from '../kafka.module';
import { MESSAGING_METRICS, NO_MESSAGING_METRICS, type MessagingMetrics } from '../messaging-metrics';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { toDeadLetter } from './dead-letter';
import { EventContext, type AfterCommit, type RecordPosition } from './event-context';
import { isPermanent } from './event-errors';

/** Offsets are committed at the end of each batch and at least every this many records. */
const COMMIT_EVERY = 100;
/** Consecutive records of a partition applied in one database transaction. */
const APPLY_TOGETHER = 50;

export type ProcessOutcome = 'applied' | 'duplicate' | 'ignored' | 'dead-lettered';

/**
 * A custom Nest transport over kafkajs: `@EventPattern('<ce_type>')` handlers in controllers,
 * routed on the CloudEvents type rather than on topic names. Nest's built-in Kafka transport cannot
 * commit after our database transaction nor dead-letter, hence this server. Per record:
 *   1. the processed `ce_id` is inserted into the inbox in a transaction, and the handler writes its
 *      effect through the same transaction (`EventContext.manager`): a redelivered id does nothing;
 *   2. a failing handler is retried with exponential backoff (heartbeating meanwhile), then the
 *      record goes to `<topic>.dlq` with the error, its origin and the attempts — the partition moves on;
 *   3. offsets are committed only after the records' transactions have committed.
 * Consecutive records of a partition are first tried together in one transaction (each still with its
 * inbox row); if any of them fails, the chunk rolls back and its records take the one-by-one path.
 */
@Injectable()
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private readonly log = new Logger(KafkaEventServer.name);
  /** `<topic prefix><service>`: the consumer group of this service. */
  readonly groupId: string;
  private consumer?: Consumer;
  private readonly deadLetters: Producer;
  private running?: Promise<void>;
  private closed = false;
  override readonly propagatesEventHandlerErrors = true;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FAULTS) private readonly faults: Faults,
    @Optional() @Inject(MESSAGING_METRICS) private readonly metrics: MessagingMetrics = NO_MESSAGING_METRICS,
  ) {
    super();
    this.groupId = `${options.topicPrefix}${options.service}`;
    this.deadLetters = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  }

  /** The `ce_type`s with a handler, checked against the catalogue: a typo fails the start, not the first event. */
  handledTypes(): EventType[] {
    const types: EventType[] = [];
    for (const [pattern, handler] of this.getHandlers()) {
      if (!isEventType(pattern)) throw new Error(`@EventPattern('${pattern}') is not a ce_type of the catalogue`);
      if (!handler.isEventHandler) throw new Error(`'${pattern}' must be an @EventPattern (events get no replies)`);
      if (handler.next) throw new Error(`'${pattern}' has more than one handler in ${this.options.service}`);
      types.push(pattern);
    }
    return types;
  }

  /** Topics this service consumes, derived from the types it handles. */
  topics(): string[] {
    return [...new Set(this.handledTypes().map((type) => topicName(topicKeyOf(type), this.options.topicPrefix)))];
  }

  listen(callback: (error?: unknown) => void): void {
    let topics: string[];
    try {
      topics = this.topics();
    } catch (error) {
      callback(error);
      return;
    }
    if (topics.length > 0) this.running = this.consumeUntilClosed(topics);
    callback();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.consumer?.disconnect().catch(() => undefined);
    // A connect still retrying against a dead broker cannot be interrupted; don't let it hold up shutdown.
    await Promise.race([this.running, sleep(2_000)]);
    await this.deadLetters.disconnect().catch(() => undefined);
  }

  on(): never {
    throw new Error('KafkaEventServer has no events to subscribe to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  /** Connects in the background and reconnects after failures, so a broker outage never blocks the HTTP side. */
  private async consumeUntilClosed(topics: string[]): Promise<void> {
    let backoff = 500;
    while (!this.closed) {
      const { sessionTimeoutMs, heartbeatIntervalMs } = this.options.consumer;
      const consumer = this.kafka.consumer({
        groupId: this.groupId,
        sessionTimeout: sessionTimeoutMs,
        rebalanceTimeout: Math.max(sessionTimeoutMs, 10_000),
        heartbeatInterval: heartbeatIntervalMs,
      });
      this.consumer = consumer;
      try {
        await this.deadLetters.connect();
        await consumer.connect();
        // A new group starts at the beginning: nothing published before its first start is missed.
        await consumer.subscribe({ topics, fromBeginning: true });
        const crashed = new Promise<void>((resolve) => consumer.on(consumer.events.CRASH, ({ payload }) => {
          if (!payload.restart) resolve();
        }));
        await consumer.run({
          autoCommit: false,
          partitionsConsumedConcurrently: this.options.consumer.partitionsConcurrently,
          eachBatchAutoResolve: false,
          eachBatch: (payload) => this.eachBatch(consumer, payload),
        });
        this.log.log({ groupId: this.groupId, topics, types: this.handledTypes() }, 'consuming');
        backoff = 500;
        await crashed;
      } catch (error) {
        if (this.closed) break;
        this.log.warn({ err: error, retryInMs: backoff }, 'consumer failed to start');
      }
      await consumer.disconnect().catch(() => undefined);
      if (this.closed) break;
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 15_000);
    }
  }

  private async eachBatch(consumer: Consumer, { batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) {
    let uncommitted: string | undefined;
    let sinceCommit = 0;
    const commit = async () => {
      if (uncommitted === undefined) return;
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(uncommitted) + 1n).toString() }]);
      uncommitted = undefined;
      sinceCommit = 0;
    };
    const settled = async (message: KafkaMessage) => {
      this.faults.crashAt('consumer.after-commit');
      resolveOffset(message.offset);
      uncommitted = message.offset;
      if (++sinceCommit >= COMMIT_EVERY) await commit();
    };
    for (let start = 0; start < batch.messages.length; start += APPLY_TOGETHER) {
      if (!isRunning() || isStale()) break;
      const chunk = batch.messages.slice(start, start + APPLY_TOGETHER);
      if (chunk.length > 1 && (await this.applyTogether(batch.topic, batch.partition, chunk))) {
        for (const message of chunk) await settled(message);
        await heartbeat();
        continue;
      }
      // One by one: the path with retries and dead letters, for a chunk that did not apply as a whole.
      for (const message of chunk) {
        if (!isRunning() || isStale()) break;
        await this.process({ topic: batch.topic, partition: batch.partition, offset: message.offset }, message, heartbeat);
        await settled(message);
        await heartbeat();
      }
    }
    await commit();
  }

  /**
   * Applies consecutive records of a partition in one transaction (one commit, one WAL flush, instead
   * of one per record), each with its inbox row and in its own trace. Anything unusual — a record that
   * does not parse, a handler that throws — rolls the whole chunk back and returns false, and the
   * caller applies the records one by one with retries and dead letters. Effects are never partial.
   */
  private async applyTogether(topic: string, partition: number, messages: KafkaMessage[]): Promise<boolean> {
    const items: { message: KafkaMessage; type: string; event?: EventEnvelope; handler?: MessageHandler }[] = [];
    for (const message of messages) {
      const declared = headerText(message.headers, 'ce_type');
      if (declared !== undefined && isEventType(declared) && !this.getHandlerByPattern(declared)) {
        items.push({ message, type: declared });
        continue;
      }
      let event: EventEnvelope;
      try {
        event = fromKafkaMessage(message);
      } catch {
        return false;
      }
      items.push({ message, type: event.type, event, handler: this.getHandlerByPattern(event.type) ?? undefined });
    }
    const afterCommit: AfterCommit[] = [];
    let outcomes: ProcessOutcome[];
    try {
      outcomes = await this.dataSource.transaction(async (manager) => {
        const applied: ProcessOutcome[] = [];
        for (const { message, event, handler } of items) {
          if (!event || !handler) {
            applied.push('ignored');
            continue;
          }
          const position = { topic, partition, offset: message.offset };
          const trace = childTraceparent(headerText(message.headers, 'traceparent'));
          applied.push(await runInTrace(trace, () => this.applyIn(manager, event, handler, position, 1, afterCommit)));
        }
        return applied;
      });
    } catch (error) {
      this.log.debug({ err: error, topic, partition, records: messages.length }, 'chunk did not apply as a whole; applying its records one by one');
      return false;
    }
    await this.runAfterCommit(afterCommit);
    items.forEach(({ type }, i) => this.metrics.consumed(isEventType(type) ? type : 'unknown', outcomes[i]));
    return true;
  }

  /** Applies one record with retries, or dead-letters it, and counts the outcome. Throws only if the dead letter cannot be written. */
  async process(position: RecordPosition, message: KafkaMessage, heartbeat: () => Promise<void> = async () => {}): Promise<ProcessOutcome> {
    // The handler, its logs and the events it writes continue the trace of the record.
    const trace = childTraceparent(headerText(message.headers, 'traceparent'));
    const outcome = await runInTrace(trace, () => this.settle(position, message, heartbeat));
    const type = headerText(message.headers, 'ce_type');
    // Only catalogue types as labels: a malformed record must not mint a new time series.
    this.metrics.consumed(type !== undefined && isEventType(type) ? type : 'unknown', outcome);
    return outcome;
  }

  private async settle(position: RecordPosition, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<ProcessOutcome> {
    // A topic carries many types; skip those this service has no handler for before parsing anything.
    const declared = headerText(message.headers, 'ce_type');
    if (declared !== undefined && isEventType(declared) && !this.getHandlerByPattern(declared)) return 'ignored';
    let event: EventEnvelope;
    try {
      event = fromKafkaMessage(message);
    } catch (error) {
      await this.deadLetter(position, message, error, 1);
      return 'dead-lettered';
    }
    const handler = this.getHandlerByPattern(event.type);
    // A topic carries many types; those this service has no handler for are not its business.
    if (!handler) return 'ignored';
    const { maxAttempts, retryBaseMs } = this.options.consumer;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.applyOnce(event, handler, position, attempt);
      } catch (error) {
        if (isPermanent(error) || attempt >= maxAttempts) {
          await this.deadLetter(position, message, error, attempt);
          return 'dead-lettered';
        }
        const delay = retryBaseMs * 2 ** (attempt - 1);
        this.log.warn({ err: error, eventId: event.id, type: event.type, attempt, retryInMs: delay }, 'event handler failed; retrying');
        await sleep(delay);
        await heartbeat();
      }
    }
  }

  private async applyOnce(event: EventEnvelope, handler: MessageHandler, position: RecordPosition, attempt: number): Promise<ProcessOutcome> {
    const afterCommit: AfterCommit[] = [];
    const outcome = await this.dataSource.transaction((manager) => this.applyIn(manager, event, handler, position, attempt, afterCommit));
    await this.runAfterCommit(afterCommit);
    return outcome;
  }

  /** Best effort: what it starts is also recoverable from Postgres (a sweep), so a failure is only logged. */
  private async runAfterCommit(works: AfterCommit[]): Promise<void> {
    for (const work of works) {
      await work().catch((error: unknown) => this.log.warn({ err: error }, 'after-commit work failed; its sweep recovers it'));
    }
  }

  /** The inbox row and the handler's effect, in the caller's transaction. */
  private async applyIn(manager: EntityManager, event: EventEnvelope, handler: MessageHandler, position: RecordPosition, attempt: number, afterCommit: AfterCommit[]): Promise<ProcessOutcome> {
    const recorded: unknown[] = await manager.query(
      `INSERT INTO "${this.options.schema}".inbox (consumer, event_id, event_type, topic, partition, "offset")
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.options.service, event.id, event.type, position.topic, position.partition, position.offset],
    );
    if (recorded.length === 0) {
      this.log.debug({ eventId: event.id, type: event.type }, 'already processed; skipped');
      return 'duplicate';
    }
    this.faults.failIfPoisoned(event.subject);
    const result = await handler(event, new EventContext([event, manager, position, attempt, afterCommit]));
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    this.log.log({ eventId: event.id, type: event.type, shipmentId: event.subject, attempt }, 'event applied');
    return 'applied';
  }

  private async deadLetter(position: RecordPosition, message: KafkaMessage, error: unknown, attempts: number): Promise<void> {
    const failure = error instanceof Error ? error : new Error(String(error));
    await this.deadLetters.send({
      topic: deadLetterTopicName(position.topic),
      acks: -1,
      messages: [
        toDeadLetter(message, {
          error: failure.message,
          errorType: failure.name,
          topic: position.topic,
          partition: position.partition,
          offset: position.offset,
          consumer: this.options.service,
          attempts,
          // Operational time (wall clock), to line up with the logs; simulated time is for domain facts.
          failedAt: new Date().toISOString(),
        }),
      ],
    });
    this.metrics.deadLettered(position.topic);
    this.log.error({ err: failure, ...position, attempts }, 'event dead-lettered');
  }
}
