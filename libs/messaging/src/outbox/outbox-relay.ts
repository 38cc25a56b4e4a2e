import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CompressionTypes, Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { topicName, type EventType, type TopicKey } from '@lib/contracts';
import { toKafkaMessage, type EventEnvelope } from '../cloud-events';
import { FAULTS, Faults } from '../faults';
import { KAFKA } from '../kafka.module';
import { MESSAGING_METRICS, NO_MESSAGING_METRICS, type MessagingMetrics } from '../messaging-metrics';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { LeaderLock } from './leader-lock';
import { outboxBacklog } from './outbox-backlog';
import { outboxChannel, outboxWakeLock } from './messaging-tables';
import { sendsPerPartition } from './partition-sends';

/**
 * The leader's session proves it still holds the lock this often, and a statement on it that hangs this
 * long means it is gone.
 */
const LOCK_CHECK_INTERVAL_MS = 5_000;
const LOCK_QUERY_TIMEOUT_MS = 15_000;
/**
 * Going to sleep found writers between reading "awake" and committing: look again this soon, then less
 * and less often.
 */
const WRITERS_IN_FLIGHT_PAUSE_MS = 2;
const WRITERS_IN_FLIGHT_MAX_PAUSE_MS = 32;

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
 * events leave in commit order per subject; the lock is fenced (see LeaderLock) so that a relay
 * whose lock session silently dropped cannot go on publishing beside the next leader. While rows
 * keep coming it polls; when it runs out it says it sleeps, and only then do writers NOTIFY it (see
 * createRelayWake); the poll interval is the fallback. Each batch is claimed (`FOR UPDATE SKIP
 * LOCKED`), published with acks=all, then marked in the statement after. A crash between publishing
 * and marking republishes the batch on restart: at-least-once on the wire, and consumers dedupe on `ce_id`.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly producer: Producer;
  /** Reads the topics' partition counts (see sendsPerPartition); connected when first needed. */
  private readonly admin: Admin;
  private adminConnected = false;
  private readonly partitionCounts = new Map<string, number>();
  private readonly table: string;
  private readonly wakeTable: string;
  private stopping = false;
  private leader = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A NOTIFY came since the relay began going to sleep: one arriving before the pause must not be lost. */
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
    this.wakeTable = `"${options.schema}".outbox_relay`;
    // kafkajs marks the idempotent producer experimental; with one request in flight it is safe. It
    // wants unlimited retries (else it warns that EoS may break): a dead broker then stalls the relay,
    // which is what we want — rows stay in the outbox and the backlog shows in the status.
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 5_000 },
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.admin = kafka.admin();
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
    await this.admin.disconnect().catch(() => undefined);
  }

  async status(): Promise<RelayStatus> {
    return { leader: this.leader, ...(await outboxBacklog(this.dataSource, this.options.schema)) };
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
      // Claims and marks need no flush of their own: one lost in a Postgres crash only means a batch
      // claimed again or sent again, which consumers dedupe (the rows themselves were written durably).
      await lock.query('SET synchronous_commit = off');
      // The claim must walk outbox_pending in seq order and stop at its LIMIT. With statistics taken
      // while the outbox was nearly empty (autovacuum off, or a burst since the last ANALYZE) the
      // planner chose a bitmap scan of every pending row and a sort: 590 ms per claim with 800,000
      // pending (the relay drained 340 events/s), against 10-30 ms for the index scan.
      await lock.query('SET enable_bitmapscan = off');
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
      await lock.query(
        `UPDATE ${this.table} SET claimed_at = NULL WHERE published_at IS NULL AND claimed_at IS NOT NULL`,
      );
      this.leader = true;
      this.logger.log({ schema: this.options.schema }, 'outbox relay leading');
      await this.relay(lock);
    } finally {
      if (this.leader)
        this.logger.log({ schema: this.options.schema, lost: lock.lost?.message }, 'outbox relay stepped down');
      this.leader = false;
      await lock.close();
    }
  }

  /**
   * Claims, publishes and marks batches while there are rows, then sleeps until a NOTIFY (or the
   * poll interval). Marking a batch rides on the next statement — the next claim, or the one that
   * goes to sleep — so a batch costs one statement and a send. Claims and marks run on the lock's
   * session, so they fail once this relay no longer holds the lock: a relay whose session was
   * dropped cannot claim beside the new leader (at most the batch in flight goes out again, which
   * consumers dedupe).
   */
  private async relay(lock: LeaderLock): Promise<void> {
    let unmarked: OutboxRow[] = [];
    let inFlightPause = WRITERS_IN_FLIGHT_PAUSE_MS;
    try {
      while (!this.stopping) {
        if (lock.lost) throw lock.lost;
        const rows = await this.markAndClaim(lock, unmarked);
        this.countPublished(unmarked);
        unmarked = [];
        if (rows.length > 0) {
          inFlightPause = WRITERS_IN_FLIGHT_PAUSE_MS;
          await this.publish(lock, rows);
          this.faults.crashAt('relay.after-publish');
          unmarked = rows;
          if (rows.length === this.options.outbox.batchSize) continue;
        }
        this.signalled = false;
        const next = await this.markAndSleep(lock, unmarked);
        this.countPublished(unmarked);
        unmarked = [];
        await this.pruneIfDue();
        if (next === 'pending' || this.signalled || this.stopping) continue;
        if (next === 'asleep') {
          inFlightPause = WRITERS_IN_FLIGHT_PAUSE_MS;
          await this.pause(this.options.outbox.pollIntervalMs);
        } else {
          // A writer's transaction left open (a long batch, an Idempotency-Key request) must not make the relay spin.
          await this.pause(inFlightPause);
          inFlightPause = Math.min(inFlightPause * 2, WRITERS_IN_FLIGHT_MAX_PAUSE_MS);
        }
      }
    } finally {
      // Stepping down: mark a batch that went out (the next leader must not send it again) and say
      // the relay sleeps, so writers wake whoever leads next — even a build that knows no flag.
      if (!lock.lost) {
        await lock
          .query(`WITH marked AS (${this.marking('$1::bigint[]')}) UPDATE ${this.wakeTable} SET asleep = true`, [
            unmarked.map((row) => row.seq),
          ])
          .then(
            () => this.countPublished(unmarked),
            () => undefined,
          );
      }
    }
  }

  /**
   * One statement: marks the batch that went out, says the relay is awake, and claims the next batch
   * (`FOR UPDATE SKIP LOCKED`).
   */
  private markAndClaim(lock: LeaderLock, published: OutboxRow[]): Promise<OutboxRow[]> {
    return lock.query<OutboxRow>(
      `WITH marked AS (${this.marking('$2::bigint[]')}),
       awake AS (
         UPDATE ${this.wakeTable} SET asleep = false WHERE asleep),
       claimed AS (
         UPDATE ${this.table} SET claimed_at = now(), attempts = attempts + 1
          WHERE seq IN (SELECT seq FROM ${this.table}
                         WHERE published_at IS NULL AND claimed_at IS NULL
                         ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING seq, event_id, topic, event_type, source, subject, occurred_at, traceparent, payload)
       SELECT * FROM claimed ORDER BY seq`,
      [this.options.outbox.batchSize, published.map((row) => row.seq)],
    );
  }

  /**
   * One round trip, one transaction: marks the batch that went out, then says the relay sleeps —
   * only if it gets the writers' wake lock at once (no writer between reading "awake" and
   * committing, see createRelayWake) — and looks for rows committed meanwhile. Writers in flight
   * (the lock is taken) mean a short pause and another look, with the flag left at awake: under load
   * the relay polls and writers never NOTIFY.
   */
  private async markAndSleep(
    lock: LeaderLock,
    published: OutboxRow[],
  ): Promise<'pending' | 'writers-in-flight' | 'asleep'> {
    const seqs = published.map((row) => row.seq);
    if (!seqs.every((seq) => /^\d+$/.test(seq))) throw new Error(`outbox seq is not a number: ${seqs.join(',')}`);
    const results = await lock.queryAll(`
      ${seqs.length > 0 ? `${this.marking(`'{${seqs.join(',')}}'::bigint[]`)};` : ''}
      UPDATE ${this.wakeTable} SET asleep = true
       WHERE pg_try_advisory_xact_lock(${outboxWakeLock(this.options.schema)}) RETURNING asleep;
      SELECT EXISTS (SELECT 1 FROM ${this.table} WHERE published_at IS NULL AND claimed_at IS NULL) AS pending`);
    const [asleep, [{ pending }]] = results.slice(-2) as [unknown[], { pending: boolean }[]];
    if (pending) return 'pending';
    return asleep.length > 0 ? 'asleep' : 'writers-in-flight';
  }

  /** The statement that marks a batch published; `seqs` is the SQL of its bigint[]. */
  private marking(seqs: string): string {
    return `UPDATE ${this.table} SET published_at = now(), last_error = NULL WHERE seq = ANY(${seqs})`;
  }

  /**
   * Sends a claimed batch with acks=all; if it fails, the claims are released (with the error) for the
   * next attempt.
   */
  private async publish(lock: LeaderLock, rows: OutboxRow[]): Promise<void> {
    try {
      const batch = this.byTopic(rows);
      await this.readPartitionCounts(batch.map((t) => t.topic));
      // One send per partition (a kafkajs bug loses records otherwise, see sendsPerPartition), all at
      // once; the batch counts as sent only when every send is acknowledged by the in-sync replicas.
      const sends = await Promise.allSettled(
        sendsPerPartition(batch, (topic) => this.partitionCounts.get(topic)!).map(({ topic, messages }) =>
          this.producer.send({ topic, messages, acks: -1, compression: CompressionTypes.None }),
        ),
      );
      const failed = sends.find((send) => send.status === 'rejected');
      if (failed) throw failed.reason;
    } catch (error) {
      // The topics may have changed (partitions added, leaders moved): read them again next time.
      this.partitionCounts.clear();
      await lock.query(`UPDATE ${this.table} SET claimed_at = NULL, last_error = $2 WHERE seq = ANY($1::bigint[])`, [
        rows.map((row) => row.seq),
        String((error as Error).message ?? error).slice(0, 2000),
      ]);
      throw error;
    }
  }

  private async readPartitionCounts(topics: string[]): Promise<void> {
    const missing = topics.filter((topic) => !this.partitionCounts.has(topic));
    if (missing.length === 0) return;
    if (!this.adminConnected) {
      await this.admin.connect();
      this.adminConnected = true;
    }
    const { topics: found } = await this.admin.fetchTopicMetadata({ topics: missing });
    for (const topic of found) this.partitionCounts.set(topic.name, topic.partitions.length);
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
      const [{ deleted }]: { deleted: number }[] = await dataSource.query(sql, [`${retentionMs} milliseconds`, batch]);
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
