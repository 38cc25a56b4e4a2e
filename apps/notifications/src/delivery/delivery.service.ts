import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@lib/clock';
import type { DeliveryJob, NotificationOutcome } from '@lib/contracts';
import { ConflictProblem, NotFoundProblem } from '@lib/http';
import { FAULTS, Faults, Outbox } from '@lib/messaging';
import { SubscriptionService } from '../subscription/subscription.service';
import { DELIVERY_CHANNELS, type AttemptResult, type DeliveryChannel, type DeliveryChannelName } from './delivery-channel';
import { DeliveryQueue, type DeliveryDue } from './delivery.queue';
import { delayBeforeAttempt } from './retry-schedule';

/** What an attempt came to; `dueAt` only when it woke before its time (`not-due`). */
export interface AttemptOutcome {
  outcome: string;
  dueAt?: Date;
}

export const DELIVERY_SETTINGS = Symbol('DELIVERY_SETTINGS');

export interface DeliverySettings {
  retryScheduleMs: number[];
  concurrency: number;
  sweepIntervalMs: number;
  redisUrl: string;
  /** Real time a first attempt may take in this process before a sweep queues it (timeout + margin). */
  firstAttemptGraceMs: number;
}

interface Pending {
  id: string;
  shipperId: string;
  shipmentId: string;
  sourceEventId: string;
  eventType: string;
  channel: DeliveryChannelName;
  subscriptionId: string | null;
  data: Record<string, unknown>;
  occurredAt: Date | null;
  status: string;
  round: number;
  attempts: number;
  nextAttemptAt: Date | null;
  trackingNumber: string | null;
  commodity: string | null;
}

/**
 * Delivers webhook and email notifications through their channels (the DeliveryChannel port): one
 * attempt per job, every attempt recorded with its status and latency, retries on the Standard
 * Webhooks schedule (simulated time), 410 disabling the endpoint, exhausted deliveries failed and
 * replayable. Postgres holds the state; the queue only wakes us.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);
  private inFlight = 0;
  private readonly channels: Map<DeliveryChannelName, DeliveryChannel>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly queue: DeliveryQueue,
    private readonly subscriptions: SubscriptionService,
    @Inject(DELIVERY_CHANNELS) channels: DeliveryChannel[],
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
    @Inject(FAULTS) private readonly faults: Faults,
  ) {
    this.channels = new Map(channels.map((channel) => [channel.name, channel]));
  }

  /**
   * After the notifications are committed: first attempts that are due run here at once, without a
   * hop through Redis (most deliveries succeed at the first try); beyond DELIVERY_CONCURRENCY in
   * flight, and for every retry, BullMQ. A crash in between leaves them pending for the sweep.
   */
  dispatch(due: DeliveryDue[]): Promise<void> {
    const now = this.clock.now().getTime();
    const queued: DeliveryDue[] = [];
    for (const delivery of due) {
      if (delivery.attempt !== 1 || delivery.dueAt.getTime() > now || this.inFlight >= this.settings.concurrency) {
        queued.push(delivery);
        continue;
      }
      this.inFlight += 1;
      void this.attempt(delivery)
        .then((result) => (result.dueAt ? this.enqueue([{ ...delivery, dueAt: result.dueAt }]) : undefined))
        .catch((error: unknown) => this.logger.warn({ err: error, notificationId: delivery.notificationId }, 'first attempt failed to run; the sweep retries it'))
        .finally(() => (this.inFlight -= 1));
    }
    return this.enqueue(queued);
  }

  /** Into BullMQ; a Redis that is down only delays them to the next sweep. */
  async enqueue(due: DeliveryDue[]): Promise<void> {
    if (due.length === 0) return;
    await this.queue.enqueue(due).catch((error: unknown) => this.logger.warn({ err: error, count: due.length }, 'could not queue deliveries now; the sweep will'));
  }

  /**
   * Re-queues every pending delivery from Postgres. A first attempt younger than the in-process
   * grace may still be running here (dispatch), so it is left alone until then.
   */
  async sweep(): Promise<number> {
    const rows: { id: string; round: number; attempts: number; nextAttemptAt: Date | null }[] = await this.dataSource.query(
      `SELECT id, round, attempts, next_attempt_at AS "nextAttemptAt" FROM "notifications".notifications
       WHERE status = 'pending' AND (attempts > 0 OR round > 0 OR created_at < now() - make_interval(secs => $1))
       ORDER BY next_attempt_at NULLS FIRST LIMIT 10000`,
      [this.settings.firstAttemptGraceMs / 1000],
    );
    await this.queue.enqueue(rows.map((r) => ({ notificationId: r.id, round: r.round, attempt: r.attempts + 1, dueAt: r.nextAttemptAt ?? this.clock.now() })));
    return rows.length;
  }

  /**
   * The job's work. Safe to run twice: a stale attempt (already recorded, or a newer round) does
   * nothing; one that woke before its time answers `not-due` with when it is due, for the caller to
   * put it back to sleep (a BullMQ job moves itself to the delayed set; re-adding its id would be ignored).
   */
  async attempt(job: Pick<DeliveryJob, 'notificationId' | 'round' | 'attempt'>): Promise<AttemptOutcome> {
    const pending = await this.load(job.notificationId);
    if (!pending || pending.status !== 'pending' || pending.round !== job.round || pending.attempts >= job.attempt) return { outcome: 'stale' };
    if (pending.nextAttemptAt && pending.nextAttemptAt.getTime() > this.clock.now().getTime()) {
      return { outcome: 'not-due', dueAt: pending.nextAttemptAt };
    }
    const subscription = pending.subscriptionId ? (await this.subscriptions.active(pending.shipperId)).find((s) => s.id === pending.subscriptionId) : undefined;
    const result: AttemptResult = !subscription
      ? { outcome: 'refused', latencyMs: 0, error: 'subscription disabled or deleted' }
      : await this.channels.get(pending.channel)!.send(pending, { subscriptionId: subscription.id, url: subscription.url, email: subscription.email, signingSecrets: this.subscriptions.signingSecrets(subscription) });
    // Crash tests: the receiver has it, we have not recorded it; the retry must carry the same webhook-id.
    this.faults.crashAt('delivery.after-send');
    this.logger.log(
      { notificationId: pending.id, channel: pending.channel, attempt: job.attempt, round: job.round, outcome: result.outcome, statusCode: result.statusCode, latencyMs: result.latencyMs, error: result.error },
      'delivery attempt',
    );
    return { outcome: await this.record(pending, job.attempt, result) };
  }

  /** Starts a new round for a delivered or failed notification, with the same id (`webhook-id`). */
  async replay(shipperIdOrAll: string | null, id: string): Promise<{ round: number }> {
    const round = await this.dataSource.transaction(async (manager) => {
      const [row]: { shipper_id: string; channel: string; status: string; round: number }[] = await manager.query(
        `SELECT shipper_id, channel, status, round FROM "notifications".notifications WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row || (shipperIdOrAll !== null && row.shipper_id !== shipperIdOrAll)) throw new NotFoundProblem(`notification ${id} not found`);
      if (row.channel === 'feed') throw new ConflictProblem('NOT_REPLAYABLE', 'a feed notification is not delivered anywhere; read the feed again from an earlier Last-Event-ID');
      if (row.status === 'pending') throw new ConflictProblem('DELIVERY_IN_PROGRESS', 'this notification is still being delivered');
      await manager.query(
        `UPDATE "notifications".notifications SET status = 'pending', round = round + 1, attempts = 0, next_attempt_at = $2, last_error = NULL WHERE id = $1`,
        [id, this.clock.now().toISOString()],
      );
      return row.round + 1;
    });
    await this.enqueue([{ notificationId: id, round, attempt: 1, dueAt: this.clock.now() }]);
    return { round };
  }

  /** Records the attempt and decides what comes next, once, under the notification's row lock. */
  private async record(pending: Pending, attempt: number, result: AttemptResult): Promise<string> {
    let next: DeliveryDue | undefined;
    const decided = await this.dataSource.transaction(async (manager): Promise<string> => {
      const [row]: { status: string; round: number; attempts: number }[] = await manager.query(
        `SELECT status, round, attempts FROM "notifications".notifications WHERE id = $1 FOR UPDATE`,
        [pending.id],
      );
      if (!row || row.status !== 'pending' || row.round !== pending.round || row.attempts >= attempt) return 'stale';
      await manager.query(
        `INSERT INTO "notifications".delivery_attempts (notification_id, round, attempt, outcome, status_code, latency_ms, error) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [pending.id, pending.round, attempt, result.outcome, result.statusCode ?? null, result.latencyMs, result.error?.slice(0, 1000) ?? null],
      );
      if (result.outcome === 'delivered') {
        await manager.query(
          `UPDATE "notifications".notifications SET status = 'delivered', attempts = $2, delivered_at = now(), next_attempt_at = NULL, last_error = NULL WHERE id = $1`,
          [pending.id, attempt],
        );
        await this.publish(manager, 'notification.delivered', pending, attempt);
        return 'delivered';
      }
      if (result.outcome === 'gone' && pending.subscriptionId) await this.subscriptions.disable(manager, pending.subscriptionId, 'endpoint answered 410 Gone');
      const delay = result.outcome === 'failed' ? delayBeforeAttempt(this.settings.retryScheduleMs, attempt + 1) : undefined;
      if (delay === undefined) {
        await manager.query(`UPDATE "notifications".notifications SET status = 'failed', attempts = $2, next_attempt_at = NULL, last_error = $3 WHERE id = $1`, [pending.id, attempt, result.error ?? null]);
        await this.publish(manager, 'notification.failed', pending, attempt, result.error ?? result.outcome);
        return 'failed';
      }
      next = { notificationId: pending.id, round: pending.round, attempt: attempt + 1, dueAt: new Date(this.clock.now().getTime() + delay) };
      await manager.query(`UPDATE "notifications".notifications SET attempts = $2, next_attempt_at = $3, last_error = $4 WHERE id = $1`, [pending.id, attempt, next.dueAt.toISOString(), result.error ?? null]);
      return 'retrying';
    });
    if (next) await this.enqueue([next]);
    return decided;
  }

  private async publish(manager: EntityManager, type: 'notification.delivered' | 'notification.failed', pending: Pending, attempts: number, error?: string): Promise<void> {
    const outcome: NotificationOutcome = {
      notificationId: pending.id,
      shipmentId: pending.shipmentId,
      shipperId: pending.shipperId,
      channel: pending.channel,
      sourceEventId: pending.sourceEventId,
      sourceEventType: pending.eventType,
      attempts,
    };
    await this.outbox.append(manager, { type, subject: pending.shipmentId, data: type === 'notification.failed' ? { ...outcome, error: error ?? 'failed' } : outcome });
  }

  private async load(id: string): Promise<Pending | undefined> {
    const [row]: Pending[] = await this.dataSource.query(
      `SELECT n.id, n.shipper_id AS "shipperId", n.shipment_id AS "shipmentId", n.source_event_id AS "sourceEventId", n.event_type AS "eventType",
              n.channel, n.subscription_id AS "subscriptionId", n.data, n.occurred_at AS "occurredAt", n.status, n.round, n.attempts,
              n.next_attempt_at AS "nextAttemptAt", b.tracking_number AS "trackingNumber", b.commodity
       FROM "notifications".notifications n
       LEFT JOIN "notifications".shipments b ON b.shipment_id = n.shipment_id
       WHERE n.id = $1`,
      [id],
    );
    return row;
  }
}
