import { Injectable, Logger } from '@nestjs/common';
import { ReplayAuditStore, type ReplayAuditEntry } from '../dead-letters/replay-audit.store';
import { KafkaBrowserService } from '../kafka-browser/kafka-browser.service';
import type { RecordView } from '../kafka-browser/record-view';
import type { OperatorSession } from '../session/session.store';
import { ServiceApi, type ServiceAnswer } from './service-api';

/** The parts of the services' answers the page shows (their APIs carry more). */
interface ShipmentFacts {
  id: string;
  trackingNumber: string;
  shipperId: string;
  consignee?: string;
  corridor?: string;
  status: string;
  cargo?: { commodity?: string; packages?: number; weightKg?: number };
  legs: {
    sequence: number;
    mode?: string;
    carrier?: string;
    from?: { name?: string; locode?: string };
    to?: { name?: string; locode?: string };
    crossing?: string;
    plannedDeparture?: string;
    plannedArrival?: string;
    eta?: string;
    actualArrival?: string;
  }[];
  currentLeg: number | null;
  eta: string | null;
  bookedAt: string;
}

export interface TimelineEntry {
  eventId: string;
  leg: number;
  kind: string;
  classifier: string;
  occurredAt: string;
  acceptedAt: string;
  published: string[];
}

export interface DeclarationFacts {
  id: string;
  crossing: string;
  leg: number;
  status: string;
  reason: string | null;
  missingDocuments: string[];
  clearanceDueAt: string | null;
}

export interface DeliveryAttempt {
  round: number;
  attempt: number;
  outcome: string;
  statusCode: number | null;
  latencyMs: number | null;
  error: string | null;
  at: string;
}

export interface NotificationFacts {
  id: string;
  type: string;
  channel: string;
  title: string;
  status: string;
  round: number;
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastError: string | null;
  createdAt: string;
  deliveryAttempts?: DeliveryAttempt[];
}

export interface ShipmentView {
  /** What was asked for: a shipment id, or the tracking number it was found by. */
  id: string;
  shipment: ServiceAnswer<ShipmentFacts>;
  timeline: ServiceAnswer<{ items: TimelineEntry[]; nextCursor: string | null }>;
  declarations: ServiceAnswer<{ items: DeclarationFacts[] }>;
  notifications: ServiceAnswer<{ items: NotificationFacts[] }>;
  facts: RecordView[];
  audit: ReplayAuditEntry[];
}

/** Notifications whose delivery attempts the page reads (each is one call to the notifications service). */
const NOTIFICATIONS_SHOWN = 50;
/** Timeline entries the page shows, oldest first (the rest stay at the shipments API's `/events`). */
const TIMELINE_SHOWN = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOTIFICATION_REPLAY = 'replay notification';

interface NotificationReplayResult {
  outcome: 'replayed' | 'failed';
  round?: number;
  detail: string;
}

/**
 * One shipment as the services themselves answer for it (its state, legs and timeline from
 * shipments, its declarations from customs, its notifications with every delivery attempt from
 * notifications, all through their APIs with the console's operator key) beside its facts on Kafka;
 * and a notification's replay through the notifications service's own operation, audited.
 */
@Injectable()
export class ShipmentViewService {
  private readonly logger = new Logger(ShipmentViewService.name);

  constructor(
    private readonly api: ServiceApi,
    private readonly kafka: KafkaBrowserService,
    private readonly audit: ReplayAuditStore,
  ) {}

  /**
   * A shipment id as is; a tracking number through the shipments API's filter, or — when the console
   * has no key for it or it does not answer — through its shipment.booked fact still kept on Kafka.
   */
  async resolve(idOrTrackingNumber: string): Promise<string | undefined> {
    if (UUID.test(idOrTrackingNumber)) return idOrTrackingNumber.toLowerCase();
    const trackingNumber = idOrTrackingNumber.toUpperCase();
    const found = await this.api.get<{ items: { id: string }[] }>(
      'shipments',
      `/v1/shipments?trackingNumber=${encodeURIComponent(trackingNumber)}&limit=1`,
    );
    if (found.ok) return found.body.items[0]?.id;
    return this.kafka.findByTrackingNumber(trackingNumber);
  }

  async view(id: string): Promise<ShipmentView> {
    const path = encodeURIComponent(id);
    const [shipment, timeline, declarations, notifications, facts, audit] = await Promise.all([
      this.api.get<ShipmentFacts>('shipments', `/v1/shipments/${path}`),
      this.api.get<{ items: TimelineEntry[]; nextCursor: string | null }>(
        'shipments',
        `/v1/shipments/${path}/events?limit=${TIMELINE_SHOWN}`,
      ),
      this.api.get<{ items: DeclarationFacts[] }>('customs', `/v1/declarations?shipmentId=${path}&limit=200`),
      this.api.get<{ items: NotificationFacts[] }>(
        'notifications',
        `/v1/notifications?shipmentId=${path}&limit=${NOTIFICATIONS_SHOWN}`,
      ),
      this.kafka.follow(id),
      this.audit.latest(200),
    ]);
    if (notifications.ok) {
      // Every delivery attempt is on the notification's own resource.
      notifications.body.items = await Promise.all(
        notifications.body.items.map(async (n) => {
          const detail = await this.api.get<NotificationFacts>(
            'notifications',
            `/v1/notifications/${encodeURIComponent(n.id)}`,
          );
          return detail.ok ? detail.body : n;
        }),
      );
    }
    const ids = new Set(notifications.ok ? notifications.body.items.map((n) => n.id) : []);
    return {
      id,
      shipment,
      timeline,
      declarations,
      notifications,
      facts,
      audit: audit.filter((a) => a.action === NOTIFICATION_REPLAY && a.refs.some((ref) => ids.has(ref))),
    };
  }

  /**
   * POST /v1/notifications/:id/replay on the notifications service (delivered again from
   * the first retry step), audited either way.
   */
  async replayNotification(operator: OperatorSession, notificationId: string): Promise<NotificationReplayResult> {
    const answer = await this.api.post<{ id: string; round: number }>(
      'notifications',
      `/v1/notifications/${encodeURIComponent(notificationId)}/replay`,
    );
    const result: NotificationReplayResult = answer.ok
      ? { outcome: 'replayed', round: answer.body.round, detail: `round ${answer.body.round}` }
      : { outcome: 'failed', detail: answer.reason };
    await this.audit.append({
      keyId: operator.keyId,
      tenantName: operator.tenantName,
      action: NOTIFICATION_REPLAY,
      refs: [notificationId],
      outcome: result.outcome,
      detail: result.detail,
    });
    this.logger.log({ keyId: operator.keyId, notificationId, outcome: result.outcome }, 'notification replayed');
    return result;
  }
}
