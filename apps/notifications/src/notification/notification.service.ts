import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@lib/clock';
import { DEFAULT_LANGUAGE, type Language } from '@lib/i18n';
import type { EventContext, EventEnvelope } from '@lib/messaging';
import { DeliveryService, type NewDelivery } from '../delivery/delivery.service';
import { FEED_CHANNEL } from '../feed/feed.channel';
import { renderNotification, type RenderedNotification, type ShipmentContext } from '../render/notification-message';
import { SubscriptionService } from '../subscription/subscription.service';
import { Notification, type NotificationChannel, type NotificationStatus } from './notification.entity';
import { NotificationNotFound } from './notification.errors';
import { planNotifications, shipperOf, wireData } from './notification.plan';
import { ShipmentNames } from './shipment-names';

export interface NotificationFilter {
  shipmentId?: string;
  channel?: NotificationChannel;
  status?: NotificationStatus;
  limit: number;
}

/**
 * Turns shipment.* and customs.* events into notifications: the shipper's feed always, plus one per
 * matching subscription, written with the consumer's inbox record (so a redelivered event makes
 * none) and handed to delivery once committed.
 */
@Injectable()
export class NotificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionService,
    private readonly deliveries: DeliveryService,
    private readonly shipments: ShipmentNames,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async notify(
    { manager, afterCommit }: Pick<EventContext, 'manager' | 'afterCommit'>,
    event: EventEnvelope,
  ): Promise<number> {
    const owner = shipperOf(event);
    if (!owner) return 0;
    const matching = await this.subscriptions.matching(manager, owner.shipperId, event.type);
    const shipment = await this.context(manager, event, owner.shipmentId);
    const data = wireData(event, owner.shipmentId);
    const now = this.clock.now();
    const planned = planNotifications(matching.map((s) => ({ id: s.id, channel: s.channel })));
    // Rendered once, from the data the row stores and the webhook carries (occurredAt filled in): each
    // subscription's row in its language, the feed's in English (a reader's own language is applied from
    // the same data when read). The email sends the row's words, so a later language change cannot make
    // a retry differ from what was stored under its Message-ID.
    const rendered = new Map<Language, RenderedNotification>();
    const renderIn = (language: Language): RenderedNotification => {
      let message = rendered.get(language);
      if (!message) rendered.set(language, (message = renderNotification(event.type, data, shipment, language)));
      return message;
    };
    const rows = planned.map((p) => {
      const language = matching.find((s) => s.id === p.subscriptionId)?.language ?? DEFAULT_LANGUAGE;
      const { subject, text, facts } = renderIn(language);
      return { ...p, id: randomUUID(), language, title: subject, message: text, facts };
    });
    // A feed row written NOTIFYs at commit (NOTIFY is transactional): the feed sequencer gives it its
    // feed position, then readers hear of it. In the same statement, so it costs no round trip.
    const inserted: { id: string; channel: NotificationChannel }[] = await manager.query(
      `WITH inserted AS (
         INSERT INTO "notifications".notifications
           (id, shipper_id, shipment_id, source_event_id, event_type, channel, subscription_id, target, title, message,
            language, facts, data, occurred_at, status, next_attempt_at, delivered_at)
         SELECT u.id, $2, $3, $4, $5, u.channel, u.subscription_id, u.target, u.title, u.message, u.language,
                u.facts, $8, $9, u.status,
                CASE WHEN u.status = 'pending' THEN $10::timestamptz END,
                CASE WHEN u.status = 'delivered' THEN now() END
         FROM unnest($1::uuid[], $11::text[], $12::uuid[], $13::text[], $14::text[], $6::text[], $7::text[],
                     $16::text[], $17::jsonb[])
              AS u(id, channel, subscription_id, target, status, title, message, language, facts)
         ON CONFLICT (source_event_id, target) DO NOTHING
         RETURNING id, channel)
       SELECT id, channel, CASE WHEN channel = 'feed' THEN pg_notify($15, $2) END AS notified FROM inserted`,
      [
        rows.map((r) => r.id),
        owner.shipperId,
        owner.shipmentId,
        event.id,
        event.type,
        rows.map((r) => r.title),
        rows.map((r) => r.message),
        JSON.stringify(data),
        String(data.occurredAt),
        now.toISOString(),
        rows.map((r) => r.channel),
        rows.map((r) => r.subscriptionId),
        rows.map((r) => r.target),
        rows.map((r) => r.status),
        FEED_CHANNEL,
        rows.map((r) => r.language),
        rows.map((r) => JSON.stringify(r.facts)),
      ],
    );
    // What was just written is all the first attempt needs: handed over as it is, not read back.
    const written = new Set(inserted.map((r) => r.id));
    const deliveries = rows.flatMap((row): NewDelivery[] => {
      const subscription = matching.find((s) => s.id === row.subscriptionId);
      if (!written.has(row.id) || !subscription || row.channel === 'feed') return [];
      const notification = {
        id: row.id,
        shipperId: owner.shipperId,
        shipmentId: owner.shipmentId,
        sourceEventId: event.id,
        eventType: event.type,
        channel: subscription.channel,
        subscriptionId: subscription.id,
        data,
        occurredAt: new Date(String(data.occurredAt)),
        round: 0,
        trackingNumber: shipment.trackingNumber ?? null,
        commodity: shipment.commodity ?? null,
        language: row.language,
        title: row.title,
        message: row.message,
        facts: row.facts,
      };
      return [{ notification, subscription }];
    });
    if (deliveries.length) afterCommit(() => this.deliveries.dispatch(deliveries));
    return inserted.length;
  }

  /** The booking tells what the cargo is called; later events name it that way. */
  private async context(manager: EntityManager, event: EventEnvelope, shipmentId: string): Promise<ShipmentContext> {
    if (event.type !== 'shipment.booked') return this.shipments.of(manager, shipmentId);
    const { data } = event as EventEnvelope<'shipment.booked'>;
    return this.shipments.remember(manager, {
      shipmentId,
      shipperId: data.shipperId,
      trackingNumber: data.trackingNumber,
      commodity: data.cargo.commodity,
      legs: data.legs,
    });
  }

  async list(shipperIds: string[] | null, filter: NotificationFilter): Promise<Notification[]> {
    const where = {
      ...(shipperIds ? { shipperId: In(shipperIds) } : {}),
      ...(filter.shipmentId ? { shipmentId: filter.shipmentId } : {}),
      ...(filter.channel ? { channel: filter.channel } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    };
    return this.dataSource.getRepository(Notification).find({ where, order: { seq: 'DESC' }, take: filter.limit });
  }

  async get(shipperIds: string[] | null, id: string): Promise<{ notification: Notification; attempts: unknown[] }> {
    const notification = await this.dataSource.getRepository(Notification).findOneBy({ id });
    if (!notification || (shipperIds && !shipperIds.includes(notification.shipperId)))
      throw new NotificationNotFound(id);
    const attempts: unknown[] = await this.dataSource.query(
      `SELECT round, attempt, outcome, status_code AS "statusCode", latency_ms AS "latencyMs", error, at
       FROM "notifications".delivery_attempts
       WHERE notification_id = $1 ORDER BY round, attempt`,
      [id],
    );
    return { notification, attempts };
  }
}
