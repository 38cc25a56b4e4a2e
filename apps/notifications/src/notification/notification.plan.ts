import type { EventEnvelope } from '@lib/messaging';
import type { NotificationChannel } from './notification.entity';

export interface Rendered {
  subject: string;
  text: string;
}

export interface TargetSubscription {
  id: string;
  channel: Exclude<NotificationChannel, 'feed'>;
}

export interface PlannedNotification {
  channel: NotificationChannel;
  subscriptionId: string | null;
  target: string;
  /** The feed has it the moment it is written; webhooks and email wait for delivery. */
  status: 'pending' | 'delivered';
}

/** Whose cargo an event is about, if anyone's: every shipment.* and customs.* payload names it. */
export function shipperOf(event: EventEnvelope): { shipperId: string; shipmentId: string } | undefined {
  const data = event.data as { shipperId?: unknown; shipmentId?: unknown };
  if (typeof data.shipperId !== 'string' || typeof data.shipmentId !== 'string') return undefined;
  return { shipperId: data.shipperId, shipmentId: data.shipmentId };
}

/**
 * The Standard Webhooks `data` (CONVENTIONS.md "Notifications on the wire"): the payload plus
 * shipmentId, occurredAt (simulated time of the fact) and acceptedAt (wall clock of the carrier's
 * post; for facts no carrier posted, when it happened).
 */
export function wireData(event: EventEnvelope, shipmentId: string): Record<string, unknown> {
  const data = event.data as unknown as Record<string, unknown>;
  return {
    ...data,
    shipmentId,
    occurredAt: data.occurredAt ?? event.time,
    acceptedAt: data.acceptedAt ?? event.time,
    eventId: event.id,
  };
}

/** The shipper's feed always, and one per matching subscription. */
export function planNotifications(subscriptions: TargetSubscription[]): PlannedNotification[] {
  return [
    { channel: 'feed', subscriptionId: null, target: 'feed', status: 'delivered' },
    ...subscriptions.map((s): PlannedNotification => ({
      channel: s.channel,
      subscriptionId: s.id,
      target: s.id,
      status: 'pending',
    })),
  ];
}
