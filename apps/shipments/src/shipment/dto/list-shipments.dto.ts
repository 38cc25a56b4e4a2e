import { z } from 'zod';
import { isoDateTime, keysetCursor } from '@lib/http';

/** Keyset pagination: the last item's (bookedAt, id), opaque to clients. */
const shipmentsCursor = keysetCursor({ bookedAt: isoDateTime(), id: z.uuid() });

export const listShipmentsSchema = z.object({
  status: z.enum(['BOOKED', 'IN_TRANSIT', 'DELIVERED', 'CANCELLED']).optional(),
  corridor: z.string().trim().min(1).max(100).optional(),
  // As printed on the paperwork (KZPK-7F3K-9Q2M); read back in any case.
  trackingNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^KZPK-[0-9A-Z]{4}-[0-9A-Z]{4}$/, 'a tracking number such as KZPK-7F3K-9Q2M')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: shipmentsCursor.param(),
});

export type ListShipmentsQuery = z.infer<typeof listShipmentsSchema>;

export const encodeCursor = (cursor: { bookedAt: string; id: string }): string => shipmentsCursor.encode(cursor);

export const cancelShipmentSchema = z.preprocess(
  (body) => body ?? {},
  z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }),
);
export type CancelShipment = z.infer<typeof cancelShipmentSchema>;
