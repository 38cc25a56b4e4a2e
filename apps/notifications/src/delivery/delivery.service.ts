import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@lib/clock';
import type { DeliveryJob } from '@lib/contracts';
import { inTransaction, whenCommitted } from '@lib/database';
import { FAULTS, Faults } from '@lib/messaging';
import { NotificationNotFound } from '../notification/notification.errors';
import type { ActiveSubscription } from '../subscription/subscription.cache';
import { SubscriptionService } from '../subscription/subscription.service';
import {
  DELIVERY_CHANNELS,
  type AttemptResult,
  type DeliveryChannel,
  type DeliveryChannelName,
} from './delivery-channel';
import { DeliveryRecorder } from './delivery-recorder';
import { DeliveryInProgress, NotReplayable } from './delivery.errors';
import { DeliveryQueue, type DeliveryDue } from './delivery.queue';
import type { PendingNotification } from './pending-notification';
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

/** As stored: with its state, to tell a stale or early job. */
interface StoredNotification extends PendingNotification {
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
}

/**
 * A notification just written by a consumer, with the subscription it was made for: its first attempt
 * needs no lookup.
 */
export interface NewDelivery {
  notification: PendingNotification;
  subscription: ActiveSubscription;
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
    private readonly recorder: DeliveryRecorder,
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
   * After the notifications are committed: first attempts run here at once, from what the consumer
   * just wrote — no hop through Redis, no reading back (most deliveries succeed at the first try);
   * beyond DELIVERY_CONCURRENCY in flight, and for every retry, BullMQ. A crash in between leaves
   * them pending for the sweep.
   */
  dispatch(deliveries: NewDelivery[]): Promise<void> {
    const queued: DeliveryDue[] = [];
    for (const { notification, subscription } of deliveries) {
      if (this.inFlight >= this.settings.concurrency) {
        queued.push({
          notificationId: notification.id,
          round: notification.round,
          attempt: 1,
          dueAt: this.clock.now(),
        });
        continue;
      }
      this.inFlight += 1;
      void this.send(notification, 1, subscription)
        .catch((error: unknown) =>
          this.logger.warn(
            { err: error, notificationId: notification.id },
            'first attempt failed to run; the sweep retries it',
          ),
        )
        .finally(() => (this.inFlight -= 1));
    }
    return this.enqueue(queued);
  }

  /** Into BullMQ; a Redis that is down only delays them to the next sweep. */
  async enqueue(due: DeliveryDue[]): Promise<void> {
    if (due.length === 0) return;
    await this.queue
      .enqueue(due)
      .catch((error: unknown) =>
        this.logger.warn({ err: error, count: due.length }, 'could not queue deliveries now; the sweep will'),
      );
  }

  /**
   * Re-queues every pending delivery from Postgres. A first attempt younger than the in-process
   * grace may still be running here (dispatch), so it is left alone until then.
   */
  async sweep(): Promise<number> {
    const rows: { id: string; round: number; attempts: number; nextAttemptAt: Date | null }[] =
      await this.dataSource.query(
        `SELECT id, round, attempts, next_attempt_at AS "nextAttemptAt" FROM "notifications".notifications
       WHERE status = 'pending' AND (attempts > 0 OR round > 0 OR created_at < now() - make_interval(secs => $1))
       ORDER BY next_attempt_at NULLS FIRST LIMIT 10000`,
        [this.settings.firstAttemptGraceMs / 1000],
      );
    await this.queue.enqueue(
      rows.map((r) => ({
        notificationId: r.id,
        round: r.round,
        attempt: r.attempts + 1,
        dueAt: r.nextAttemptAt ?? this.clock.now(),
      })),
    );
    return rows.length;
  }

  /**
   * The job's work. Safe to run twice: a stale attempt (already recorded, or a newer round) does
   * nothing; one that woke before its time answers `not-due` with when it is due, for the caller to
   * put it back to sleep (a BullMQ job moves itself to the delayed set; re-adding its id would be ignored).
   */
  async attempt(job: Pick<DeliveryJob, 'notificationId' | 'round' | 'attempt'>): Promise<AttemptOutcome> {
    const stored = await this.load(job.notificationId);
    if (!stored || stored.status !== 'pending' || stored.round !== job.round || stored.attempts >= job.attempt)
      return { outcome: 'stale' };
    if (stored.nextAttemptAt && stored.nextAttemptAt.getTime() > this.clock.now().getTime()) {
      return { outcome: 'not-due', dueAt: stored.nextAttemptAt };
    }
    const subscription = stored.subscriptionId
      ? (await this.subscriptions.active(stored.shipperId)).find((s) => s.id === stored.subscriptionId)
      : undefined;
    return { outcome: await this.send(stored, job.attempt, subscription) };
  }

  /**
   * One attempt through the notification's channel, recorded; `subscription` undefined when it was
   * disabled or deleted.
   */
  private async send(
    notification: PendingNotification,
    attempt: number,
    subscription: ActiveSubscription | undefined,
  ): Promise<string> {
    const result: AttemptResult = !subscription
      ? { outcome: 'refused', latencyMs: 0, error: 'subscription disabled or deleted' }
      : await this.channels.get(notification.channel)!.send(notification, {
          subscriptionId: subscription.id,
          url: subscription.url,
          email: subscription.email,
          signingSecrets: this.subscriptions.signingSecrets(subscription),
        });
    // Crash tests: the receiver has it, we have not recorded it; the retry must carry the same webhook-id.
    this.faults.crashAt('delivery.after-send');
    this.logger.log(
      {
        notificationId: notification.id,
        channel: notification.channel,
        attempt,
        round: notification.round,
        outcome: result.outcome,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        error: result.error,
      },
      'delivery attempt',
    );
    return this.record(notification, attempt, result);
  }

  /** Starts a new round for a delivered or failed notification, with the same id (`webhook-id`). */
  async replay(shipperIdOrAll: string | null, id: string): Promise<{ round: number }> {
    const round = await inTransaction(this.dataSource, async (manager) => {
      const [row]: { shipper_id: string; channel: string; status: string; round: number }[] = await manager.query(
        `SELECT shipper_id, channel, status, round FROM "notifications".notifications WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row || (shipperIdOrAll !== null && row.shipper_id !== shipperIdOrAll)) throw new NotificationNotFound(id);
      if (row.channel === 'feed') throw new NotReplayable();
      if (row.status === 'pending') throw new DeliveryInProgress();
      await manager.query(
        `UPDATE "notifications".notifications
            SET status = 'pending', round = round + 1, attempts = 0, next_attempt_at = $2, last_error = NULL
          WHERE id = $1`,
        [id, this.clock.now().toISOString()],
      );
      return row.round + 1;
    });
    // Queued once committed (a Redis that refuses it only delays it to the next sweep).
    await whenCommitted(() => this.enqueue([{ notificationId: id, round, attempt: 1, dueAt: this.clock.now() }]));
    return { round };
  }

  /** Records the attempt and what comes next, once (DeliveryRecorder); a retry is queued once recorded. */
  private async record(notification: PendingNotification, attempt: number, result: AttemptResult): Promise<string> {
    const delay =
      result.outcome === 'failed' ? delayBeforeAttempt(this.settings.retryScheduleMs, attempt + 1) : undefined;
    const nextAttemptAt = delay === undefined ? null : new Date(this.clock.now().getTime() + delay);
    const status = result.outcome === 'delivered' ? 'delivered' : nextAttemptAt ? 'pending' : 'failed';
    if (!(await this.recorder.record({ notification, attempt, result, status, nextAttemptAt }))) return 'stale';
    if (!nextAttemptAt) return status;
    await this.enqueue([
      { notificationId: notification.id, round: notification.round, attempt: attempt + 1, dueAt: nextAttemptAt },
    ]);
    return 'retrying';
  }

  private async load(id: string): Promise<StoredNotification | undefined> {
    const [row]: StoredNotification[] = await this.dataSource.query(
      `SELECT n.id, n.shipper_id AS "shipperId", n.shipment_id AS "shipmentId", n.source_event_id AS "sourceEventId",
              n.event_type AS "eventType", n.channel, n.subscription_id AS "subscriptionId", n.data,
              n.occurred_at AS "occurredAt", n.status, n.round, n.attempts,
              n.next_attempt_at AS "nextAttemptAt", b.tracking_number AS "trackingNumber", b.commodity,
              n.language, n.title, n.message, n.facts
       FROM "notifications".notifications n
       LEFT JOIN "notifications".shipments b ON b.shipment_id = n.shipment_id
       WHERE n.id = $1`,
      [id],
    );
    return row;
  }
}
