import type { Fact } from './observe';

/** One notification as a shipper's endpoint saw it. */
export interface Received {
  /** The fact it is about (ce_id). */
  eventId: string;
  /**
   * `webhook-id`, the email's Message-ID, the feed notification's id: the same delivery seen again has the same one.
   */
  deliveryId: string;
  verified: boolean;
}

/** What one channel target (a subscription, a feed) should have had and had. */
export interface TargetTally {
  expected: number;
  /** Expected facts that arrived (at least once). */
  received: number;
  missing: string[];
  /** Facts that arrived under two or more delivery ids: the shipper cannot tell them apart — a doubled effect. */
  doubled: number;
  /** Repeats of a delivery id already seen (at-least-once delivery; a receiver dedupes by it). */
  redelivered: number;
  /** Facts the target should not have had (another shipper's cargo, a type it did not subscribe to). */
  unexpected: number;
  badSignatures: number;
}

export function tallyTarget(expected: Set<string>, received: Received[]): TargetTally {
  const idsPerFact = new Map<string, Set<string>>();
  const seen = new Set<string>();
  let redelivered = 0;
  for (const r of received) {
    const once = `${r.eventId}\u0000${r.deliveryId}`;
    if (seen.has(once)) redelivered += 1;
    seen.add(once);
    idsPerFact.set(r.eventId, (idsPerFact.get(r.eventId) ?? new Set()).add(r.deliveryId));
  }
  return {
    expected: expected.size,
    received: [...idsPerFact.keys()].filter((id) => expected.has(id)).length,
    missing: [...expected].filter((id) => !idsPerFact.has(id)),
    doubled: [...idsPerFact.values()].filter((ids) => ids.size > 1).length,
    redelivered,
    unexpected: [...idsPerFact.keys()].filter((id) => !expected.has(id)).length,
    badSignatures: received.filter((r) => !r.verified).length,
  };
}

/** Subscription filters as the README defines them: `*`, `customs.*`-style prefixes, exact types. */
export function matchesFilter(filters: string[], type: string): boolean {
  return filters.some((f) => f === '*' || (f.endsWith('.*') ? type.startsWith(f.slice(0, -1)) : f === type));
}

const NOTIFIABLE = /^(shipment|customs)\./;

/** The facts (distinct ce_id) a shipper should be told about on a target with these filters. */
export function expectedFacts(facts: Fact[], shipmentsOfShipper: Set<string>, filters: string[] = ['*']): Set<string> {
  return new Set(
    facts
      .filter((f) => NOTIFIABLE.test(f.type) && shipmentsOfShipper.has(f.shipmentId) && matchesFilter(filters, f.type))
      .map((f) => f.eventId),
  );
}

/**
 * Facts that may happen once only, published twice under different ce_ids (a doubled effect, not a
 * republished record): a booking, a delivery, the opening and the clearance of a declaration.
 */
export function doubledFacts(facts: Fact[]): string[] {
  const once: Record<string, (f: Fact) => string | undefined> = {
    'shipment.booked': (f) => f.shipmentId,
    'shipment.delivered': (f) => f.shipmentId,
    'customs.declaration.opened': (f) => `${f.shipmentId}/${String(f.data.legSequence ?? f.data.crossing)}`,
    'customs.cleared': (f) => String(f.data.declarationId),
  };
  const ids = new Map<string, Set<string>>();
  for (const f of facts) {
    const key = once[f.type]?.(f);
    if (key === undefined) continue;
    const k = `${f.type} ${key}`;
    ids.set(k, (ids.get(k) ?? new Set()).add(f.eventId));
  }
  return [...ids].filter(([, set]) => set.size > 1).map(([k, set]) => `${k} ×${set.size}`);
}
