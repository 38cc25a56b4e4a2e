import { createHash } from 'node:crypto';
import { z } from 'zod';

export const isUuid = (value: string): boolean => z.uuid().safeParse(value).success;

/** Fixed namespace for ids of events we derive rather than store (RFC 4122 name-based, SHA-1: version 5). */
const EVENT_NAMESPACE = 'b7e0c6d2-4a53-4f0e-9d0c-6a1f3e2b8c47';

export function nameBasedUuid(name: string, namespace = EVENT_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name)
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of a shipment's booking as an event (EPCIS and DCSA alike): derived, so it is stable. */
export const bookingEventId = (shipmentId: string): string => nameBasedUuid(`booked:${shipmentId}`);
