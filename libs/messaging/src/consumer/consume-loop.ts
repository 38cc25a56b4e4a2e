import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { EventType } from '@lib/contracts';
import type { Faults } from '../faults';
import type { MessagingOptions } from '../messaging.options';
import type { DeadLetterPublisher } from './dead-letter-publisher';
import type { RecordApplier } from './record-applier';

/** Offsets are committed at the end of each batch and at least every this many records. */
const COMMIT_EVERY = 100;
/** Consecutive records of a partition handed to the applier to apply in one database transaction. */
const APPLY_TOGETHER = 50;

/**
 * The kafkajs consumer of one consumer group: connects in the background and reconnects with backoff
 * after failures, so a broker outage never blocks the HTTP side. It hands each batch's records to the
 * applier, in order, and commits a record's offset only after the applier has returned for it, i.e.
 * after the record's transaction (or its dead letter) is durable: a crash in between redelivers it,
 * and the inbox skips what was already applied.
 */
export class ConsumeLoop {
  private readonly log = new Logger(ConsumeLoop.name);
  private consumer?: Consumer;
  private running?: Promise<void>;
  private closed = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly settings: MessagingOptions['consumer'],
    private readonly applier: RecordApplier,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly faults: Faults,
  ) {}

  /** The kafkajs consumer of the current attempt, if one was made. */
  get current(): Consumer | undefined {
    return this.consumer;
  }

  /** `types` only labels the start-up log line. */
  start(topics: string[], types: EventType[]): void {
    this.running = this.consumeUntilClosed(topics, types);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.consumer?.disconnect().catch(() => undefined);
    // A connect still retrying against a dead broker cannot be interrupted; don't let it hold up shutdown.
    const waited = new AbortController();
    await Promise.race([this.running, sleep(2_000, undefined, { signal: waited.signal })]);
    waited.abort();
  }

  private async consumeUntilClosed(topics: string[], types: EventType[]): Promise<void> {
    let backoff = 500;
    while (!this.closed) {
      const { sessionTimeoutMs, heartbeatIntervalMs, fetchMaxWaitMs } = this.settings;
      const consumer = this.kafka.consumer({
        groupId: this.groupId,
        sessionTimeout: sessionTimeoutMs,
        rebalanceTimeout: Math.max(sessionTimeoutMs, 10_000),
        heartbeatInterval: heartbeatIntervalMs,
        maxWaitTimeInMs: fetchMaxWaitMs,
      });
      this.consumer = consumer;
      try {
        // Before consuming: a record that fails for good must have somewhere to go.
        await this.deadLetters.connect();
        await consumer.connect();
        // A new group starts at the beginning: nothing published before its first start is missed.
        await consumer.subscribe({ topics, fromBeginning: true });
        const crashed = new Promise<void>((resolve) =>
          consumer.on(consumer.events.CRASH, ({ payload }) => {
            if (!payload.restart) resolve();
          }),
        );
        await consumer.run({
          autoCommit: false,
          partitionsConsumedConcurrently: this.settings.partitionsConcurrently,
          eachBatchAutoResolve: false,
          eachBatch: (payload) => this.eachBatch(consumer, payload),
        });
        this.log.log({ groupId: this.groupId, topics, types }, 'consuming');
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

  /**
   * Chunks of the batch are first offered to the applier whole; a chunk it does not apply as a whole
   * goes through record by record. Stops between records once the partition is revoked or the batch stale.
   */
  private async eachBatch(
    consumer: Consumer,
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kafkajs passes closures, typed as methods
    { batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload,
  ) {
    let uncommitted: string | undefined;
    let sinceCommit = 0;
    const commit = async () => {
      if (uncommitted === undefined) return;
      await consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(uncommitted) + 1n).toString() },
      ]);
      uncommitted = undefined;
      sinceCommit = 0;
    };
    const settled = async (message: KafkaMessage) => {
      // The crash tests' point: the record's transaction has committed, its offset not yet.
      this.faults.crashAt('consumer.after-commit');
      resolveOffset(message.offset);
      uncommitted = message.offset;
      if (++sinceCommit >= COMMIT_EVERY) await commit();
    };
    for (let start = 0; start < batch.messages.length; start += APPLY_TOGETHER) {
      if (!isRunning() || isStale()) break;
      const chunk = batch.messages.slice(start, start + APPLY_TOGETHER);
      if (chunk.length > 1 && (await this.applier.applyTogether(batch.topic, batch.partition, chunk))) {
        for (const message of chunk) await settled(message);
        await heartbeat();
        continue;
      }
      // One by one: the path with retries and dead letters, for a chunk that did not apply as a whole.
      for (const message of chunk) {
        if (!isRunning() || isStale()) break;
        await this.applier.applyOne(
          { topic: batch.topic, partition: batch.partition, offset: message.offset },
          message,
          heartbeat,
        );
        await settled(message);
        await heartbeat();
      }
    }
    await commit();
  }
}
