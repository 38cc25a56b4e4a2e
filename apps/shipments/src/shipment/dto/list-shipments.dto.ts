import { z } from 'zod';
import { isoDateTime, keysetCursor } from '@lib/http';

/** Keyset pagination: the last item's (bookedAt, id), opaque to clients. */
const shipmentsCursor = keysetCursor({ bookedAt: isoDateTime(), id: z.uuid() });

export const listShipmentsSchema = z.object({
  status: z.enum(['BOOKED', 'IN_TRANSIT', 'DELIVERED', 'CANCELLED']).optional(),
  corridor: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: shipmentsCursor.param(),
});

export type ListShipmentsQuery = z.infer<typeof listShipmentsSchema>;

export const encodeCursor = (cursor: { bookedAt: string; id: string }): string => shipmentsCursor.encode(cursor);

export const cancelShipmentSchema = z.preprocess((body) => body ?? {}, z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }));
export type CancelShipment = z.infer<typeof cancelShipmentSchema>;
