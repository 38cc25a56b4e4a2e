import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { NotificationOutcome } from '@lib/contracts';
import { Outbox } from '@lib/messaging';
import { SubscriptionService } from '../subscription/subscription.service';
import type { AttemptResult } from './delivery-channel';
import type { PendingNotification } from './pending-notification';

/** One attempt and what it decided for its notification. */
export interface AttemptRecord {
  notification: PendingNotification;
  attempt: number;
  result: AttemptResult;
  /** Delivered, failed for good, or pending again until `nextAttemptAt`. */
  status: 'delivered' | 'failed' | 'pending';
  nextAttemptAt: Date | null;
}

interface Waiting {
  record: AttemptRecord;
  settle: (recorded: boolean) => void;
  fail: (error: unknown) => void;
}

/** Records written by one statement at most. */
const MAX_BATCH = 500;

/**
 * Records delivery attempts, many at once: attempts that finish while a write is on its way wait for
 * it and go together in the next one (a group commit), so under load a record costs a share of one
 * transaction instead of a transaction of its own; an attempt that finds nothing waiting is written
 * at once. Each notification's update is guarded by the state its attempt was made in (still pending,
 * same round, this attempt not yet recorded) and its attempt row is inserted only with it, in one
 * statement for the whole batch; a notification that ends delivered or failed publishes its outcome
 * (the outbox, same transaction). A batch that fails is written again one record at a time, so one
 * bad record holds back no other.
 */
@Injectable()
export class DeliveryRecorder {
  private readonly logger = new Logger(DeliveryRecorder.name);
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly subscriptions: SubscriptionService,
  ) {}

  /** Whether the attempt was recorded (false: it was stale — recorded already, or its round is over). */
  record(record: AttemptRecord): Promise<boolean> {
    return new Promise((settle, fail) => {
      this.waiting.push({ record, settle, fail });
      if (!this.writing) void this.writeWhileWaiting();
    });
  }

  private async writeWhileWaiting(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) await this.write(this.nextBatch());
    } finally {
      this.writing = false;
    }
  }

  /**
   * Up to MAX_BATCH waiting records, one per notification (a second attempt at the same one waits for
   * the next batch).
   */
  private nextBatch(): Waiting[] {
    const ids = new Set<string>();
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    for (const waiting of this.waiting) {
      const id = waiting.record.notification.id;
      if (batch.length < MAX_BATCH && !ids.has(id)) {
        ids.add(id);
        batch.push(waiting);
      } else rest.push(waiting);
    }
    this.waiting = rest;
    return batch;
  }

  private async write(batch: Waiting[]): Promise<void> {
    try {
      const recorded = await this.recordAll(batch.map((w) => w.record));
      for (const w of batch) w.settle(recorded.has(w.record.notification.id));
    } catch (error) {
      if (batch.length === 1) return batch[0].fail(error);
      this.logger.warn(
        { err: error, records: batch.length },
        'recording attempts together failed; recording them one by one',
      );
      for (const w of batch) {
        await this.recordAll([w.record]).then((recorded) => w.settle(recorded.size > 0), w.fail);
      }
    }
  }

  /** The ids of the notifications whose attempt was recorded. */
  private async recordAll(records: AttemptRecord[]): Promise<Set<string>> {
    // Retries only: their one statement needs no transaction around it.
    if (records.every((r) => r.status === 'pending')) return this.recordIn(this.dataSource.manager, records);
    return this.dataSource.transaction(async (manager) => {
      const recorded = await this.recordIn(manager, records);
      const done = records.filter((r) => recorded.has(r.notification.id) && r.status !== 'pending');
      for (const r of done) {
        if (r.result.outcome === 'gone' && r.notification.subscriptionId)
          await this.subscriptions.disable(manager, r.notification.subscriptionId, 'endpoint answered 410 Gone');
      }
      await this.outbox.appendAll(
        manager,
        done.map((r) => outcomeEvent(r)),
      );
      return recorded;
    });
  }

  private async recordIn(manager: EntityManager, records: AttemptRecord[]): Promise<Set<string>> {
    const rows = records.map(({ notification, attempt, result, status, nextAttemptAt }) => ({
      id: notification.id,
      round: notification.round,
      attempt,
      status,
      next_attempt_at: nextAttemptAt?.toISOString() ?? null,
      last_error: status === 'delivered' ? null : (result.error ?? null),
      outcome: result.outcome,
      status_code: result.statusCode ?? null,
      latency_ms: result.latencyMs,
      error: result.error?.slice(0, 1000) ?? null,
    }));
    const recorded: { notification_id: string }[] = await manager.query(
      `WITH input AS (
         SELECT * FROM json_to_recordset($1::json)
                    AS i(id uuid, round int, attempt int, status text, next_attempt_at timestamptz,
                         last_error text, outcome text, status_code int, latency_ms int, error text)),
       updated AS (
         UPDATE "notifications".notifications n
            SET status = i.status, attempts = i.attempt, next_attempt_at = i.next_attempt_at,
                last_error = i.last_error,
                delivered_at = CASE WHEN i.status = 'delivered' THEN now() ELSE n.delivered_at END
           FROM input i
          WHERE n.id = i.id AND n.status = 'pending' AND n.round = i.round AND n.attempts < i.attempt
          RETURNING i.*)
       INSERT INTO "notifications".delivery_attempts
              (notification_id, round, attempt, outcome, status_code, latency_ms, error)
       SELECT id, round, attempt, outcome, status_code, latency_ms, error FROM updated
       RETURNING notification_id`,
      [JSON.stringify(rows)],
    );
    return new Set(recorded.map((r) => r.notification_id));
  }
}

/** `notification.delivered` or `notification.failed` for a notification that has come to its end. */
function outcomeEvent({ notification, attempt, result, status }: AttemptRecord) {
  const outcome: NotificationOutcome = {
    notificationId: notification.id,
    shipmentId: notification.shipmentId,
    shipperId: notification.shipperId,
    channel: notification.channel,
    sourceEventId: notification.sourceEventId,
    sourceEventType: notification.eventType,
    attempts: attempt,
  };
  return status === 'delivered'
    ? { type: 'notification.delivered' as const, subject: notification.shipmentId, data: outcome }
    : {
        type: 'notification.failed' as const,
        subject: notification.shipmentId,
        data: { ...outcome, error: result.error ?? result.outcome },
      };
}
