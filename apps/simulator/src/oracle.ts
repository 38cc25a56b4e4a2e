/**
 * What each shipper should have been told: every shipment.* and customs.* fact published about its
 * shipments, once per subscribed channel. Compared with what the stand-in shippers received.
 */
export interface PublishedFact {
  eventId: string;
  type: string;
  shipmentId: string;
}

export interface ReceivedNotification {
  /** The event it is about (webhook data.eventId; for email, the notification's source event). */
  eventId: string;
  /** `webhook-id` or the email's Message-ID: the same delivery seen twice is a duplicate. */
  deliveryId: string;
  verified: boolean;
}

interface ChannelTally {
  expected: number;
  received: number;
  missing: string[];
  duplicates: number;
  unexpected: number;
  unverified: number;
}

const NOTIFIABLE = /^(shipment|customs)\./;

export function tally(
  facts: PublishedFact[],
  shipmentIds: Set<string>,
  received: ReceivedNotification[],
): ChannelTally {
  const expected = new Set(
    facts.filter((f) => NOTIFIABLE.test(f.type) && shipmentIds.has(f.shipmentId)).map((f) => f.eventId),
  );
  const perEvent = new Map<string, number>();
  for (const r of received) perEvent.set(r.eventId, (perEvent.get(r.eventId) ?? 0) + 1);
  return {
    expected: expected.size,
    received: [...perEvent.keys()].filter((id) => expected.has(id)).length,
    missing: [...expected].filter((id) => !perEvent.has(id)),
    // The same notification twice (a redelivered webhook-id) or two for one
    // event: either way the shipper heard it twice.
    duplicates: received.length - perEvent.size,
    unexpected: [...perEvent.keys()].filter((id) => !expected.has(id)).length,
    unverified: received.filter((r) => !r.verified).length,
  };
}
