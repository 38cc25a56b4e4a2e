import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CompressionTypes, Partitioners, type Kafka, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { topicName, type EventType, type TopicKey } from '@lib/contracts';
import { toKafkaMessage, type EventEnvelope } from '../cloud-events';
import { FAULTS, Faults } from '../faults';
import { KAFKA } from '../kafka.module';
import { MESSAGING_METRICS, NO_MESSAGING_METRICS, type MessagingMetrics } from '../messaging-metrics';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { LeaderLock } from './leader-lock';
import { outboxChannel } from './messaging-tables';

/** The leader's session proves it still holds the lock this often, and a statement on it that hangs this long means it is gone. */
const LOCK_CHECK_INTERVAL_MS = 5_000;
const LOCK_QUERY_TIMEOUT_MS = 15_000;

interface OutboxRow {
  seq: string;
  event_id: string;
  topic: TopicKey;
  event_type: EventType;
  source: string;
  subject: string;
  occurred_at: Date;
  traceparent: string | null;
  payload: EventEnvelope['data'];
}

export interface RelayStatus {
  leader: boolean;
  pending: number;
  oldestPendingAgeMs: number | null;
}

/**
 * Publishes the outbox to Kafka. Only the instance holding the service's advisory lock relays, so
 * events leave in commit order per shipment; the lock is fenced (see LeaderLock) so that a relay
 * whose lock session silently dropped cannot go on publishing beside the next leader. It wakes on the outbox trigger's NOTIFY and polls as a
 * fallback; each batch is claimed (`FOR UPDATE SKIP LOCKED`) in a short statement, published with
 * acks=all, then marked. A crash between publishing and marking republishes the batch on restart:
 * at-least-once on the wire, and consumers dedupe on `ce_id`.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly producer: Producer;
  private readonly table: string;
  private stopping = false;
  private leader = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A NOTIFY came since the last batch began: a NOTIFY during publishing must not be lost to the pause after it. */
  private signalled = false;
  private lastPrune = 0;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(KAFKA) kafka: Kafka,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FAULTS) private readonly faults: Faults,
    @Optional() @Inject(MESSAGING_METRICS) private readonly metrics: MessagingMetrics = NO_MESSAGING_METRICS,
  ) {
    this.table = `"${options.schema}".outbox`;
    // kafkajs marks the idempotent producer experimental; with one request in flight it is safe. It
    // wants unlimited retries (else it warns that EoS may break): a dead broker then stalls the relay,
    // which is what we want — rows stay in the outbox and the backlog shows in the status.
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 5_000 },
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    // A connect still retrying against a dead broker cannot be interrupted; don't let it hold up shutdown.
    await Promise.race([this.loop, sleep(2_000, undefined, { ref: false })]);
    await this.producer.disconnect().catch(() => undefined);
  }

  async status(): Promise<RelayStatus> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS pending, (extract(epoch FROM now() - min(created_at)) * 1000)::bigint AS age
         FROM ${this.table} WHERE published_at IS NULL`,
    );
    return { leader: this.leader, pending: row.pending, oldestPendingAgeMs: row.age === null ? null : Number(row.age) };
  }

  /** Leads while it can; after any failure (database or broker gone) it backs off and tries again. */
  private async run(): Promise<void> {
    let backoff = 500;
    while (!this.stopping) {
      try {
        await this.lead();
        backoff = 500;
      } catch (error) {
        this.leader = false;
        if (this.stopping) break;
        this.logger.warn({ err: error, retryInMs: backoff }, 'outbox relay interrupted');
        await this.pause(backoff);
        backoff = Math.min(backoff * 2, 15_000);
      }
    }
  }

  private async lead(): Promise<void> {
    const lock = new LeaderLock(
      {
        databaseUrl: this.options.databaseUrl,
        applicationName: `${this.options.service}-relay`,
        name: `outbox-relay:${this.options.schema}`,
        checkIntervalMs: this.options.leaderLock?.checkIntervalMs ?? LOCK_CHECK_INTERVAL_MS,
        queryTimeoutMs: this.options.leaderLock?.queryTimeoutMs ?? LOCK_QUERY_TIMEOUT_MS,
      },
      () => this.wake?.(),
    );
    try {
      // The lock belongs to this session: if the process dies, Postgres releases it with the connection.
      await lock.connect();
      while (!this.stopping) {
        if (await lock.tryAcquire()) break;
        await this.pause(this.options.outbox.pollIntervalMs * 5);
      }
      if (this.stopping) return;
      await lock.listen(outboxChannel(this.options.schema), () => {
        this.signalled = true;
        this.wake?.();
      });
      await this.producer.connect();
      // Claims of a previous leader died with it (its session, hence its lock, is gone); they are ours now, in order.
      await lock.query(`UPDATE ${this.table} SET claimed_at = NULL WHERE published_at IS NULL AND claimed_at IS NOT NULL`);
      this.leader = true;
      this.logger.log({ schema: this.options.schema }, 'outbox relay leading');
      while (!this.stopping) {
        if (lock.lost) throw lock.lost;
        this.signalled = false;
        const published = await this.publishBatch(lock);
        await this.pruneIfDue();
        if (published < this.options.outbox.batchSize && !this.signalled) await this.pause(this.options.outbox.pollIntervalMs);
      }
    } finally {
      if (this.leader) this.logger.log({ schema: this.options.schema, lost: lock.lost?.message }, 'outbox relay stepped down');
      this.leader = false;
      await lock.close();
    }
  }

  /**
   * Claims, publishes and marks one batch; returns how many events went out. Claiming and marking run
   * on the lock's session, so they fail once this relay no longer holds the lock: a relay whose
   * session was dropped cannot claim beside the new leader (at most the batch in flight goes out
   * again, which consumers dedupe).
   */
  private async publishBatch(lock: LeaderLock): Promise<number> {
    const rows = await lock.query<OutboxRow>(
      `WITH claimed AS (
         UPDATE ${this.table} SET claimed_at = now(), attempts = attempts + 1
          WHERE seq IN (SELECT seq FROM ${this.table}
                         WHERE published_at IS NULL AND claimed_at IS NULL
                         ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING seq, event_id, topic, event_type, source, subject, occurred_at, traceparent, payload)
       SELECT * FROM claimed ORDER BY seq`,
      [this.options.outbox.batchSize],
    );
    if (rows.length === 0) return 0;
    const seqs = rows.map((row) => row.seq);
    try {
      await this.producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: this.byTopic(rows),
      });
    } catch (error) {
      await lock.query(`UPDATE ${this.table} SET claimed_at = NULL, last_error = $2 WHERE seq = ANY($1::bigint[])`, [
        seqs,
        String((error as Error).message ?? error).slice(0, 2000),
      ]);
      throw error;
    }
    this.faults.crashAt('relay.after-publish');
    await lock.query(`UPDATE ${this.table} SET published_at = now(), last_error = NULL WHERE seq = ANY($1::bigint[])`, [seqs]);
    this.countPublished(rows);
    return rows.length;
  }

  private countPublished(rows: OutboxRow[]): void {
    const perType = new Map<EventType, number>();
    for (const row of rows) perType.set(row.event_type, (perType.get(row.event_type) ?? 0) + 1);
    for (const [type, count] of perType) this.metrics.published(type, count);
  }

  private byTopic(rows: OutboxRow[]) {
    const topics = new Map<string, ReturnType<typeof toKafkaMessage>[]>();
    for (const row of rows) {
      const topic = topicName(row.topic, this.options.topicPrefix);
      const message = toKafkaMessage({
        id: row.event_id,
        type: row.event_type,
        source: row.source,
        subject: row.subject,
        time: row.occurred_at.toISOString(),
        traceparent: row.traceparent ?? undefined,
        data: row.payload,
      });
      topics.set(topic, [...(topics.get(topic) ?? []), message]);
    }
    return [...topics].map(([topic, messages]) => ({ topic, messages }));
  }

  /** Published outbox rows and old processed ids go after their retention; in small batches to keep locks short. */
  private async pruneIfDue(): Promise<void> {
    if (Date.now() - this.lastPrune < this.options.pruneIntervalMs) return;
    this.lastPrune = Date.now();
    const pruned = await pruneMessagingTables(this.dataSource, this.options);
    if (pruned.outbox || pruned.inbox) this.logger.log(pruned, 'pruned messaging tables');
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

export async function pruneMessagingTables(
  dataSource: DataSource,
  options: Pick<MessagingOptions, 'schema' | 'outbox' | 'inbox'>,
  batch = 5_000,
): Promise<{ outbox: number; inbox: number }> {
  const prune = async (sql: string, retentionMs: number) => {
    let total = 0;
    for (;;) {
      const [{ deleted }] = await dataSource.query(sql, [`${retentionMs} milliseconds`, batch]);
      total += deleted;
      if (deleted < batch) return total;
      await sleep(0);
    }
  };
  const s = `"${options.schema}"`;
  return {
    outbox: await prune(
      `WITH gone AS (DELETE FROM ${s}.outbox WHERE seq IN (
         SELECT seq FROM ${s}.outbox WHERE published_at < now() - $1::interval LIMIT $2) RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
      options.outbox.retentionMs,
    ),
    inbox: await prune(
      `WITH gone AS (DELETE FROM ${s}.inbox WHERE (consumer, event_id) IN (
         SELECT consumer, event_id FROM ${s}.inbox WHERE processed_at < now() - $1::interval LIMIT $2) RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
      options.inbox.retentionMs,
    ),
  };
}
