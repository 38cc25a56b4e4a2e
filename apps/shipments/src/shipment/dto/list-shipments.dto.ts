import { z } from 'zod';

export const listShipmentsSchema = z.object({
  status: z.enum(['BOOKED', 'IN_TRANSIT', 'DELIVERED', 'CANCELLED']).optional(),
  corridor: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const decoded = decodeCursor(value);
      if (!decoded) ctx.addIssue({ code: 'custom', message: 'not a cursor this API returned' });
      return decoded ?? undefined;
    }),
});

export type ListShipmentsQuery = z.infer<typeof listShipmentsSchema>;

/** Keyset pagination: the last item's (bookedAt, id), opaque to clients. */
export interface Cursor {
  bookedAt: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.bookedAt}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(value: string): Cursor | null {
  const [bookedAt, id] = Buffer.from(value, 'base64url').toString().split('|');
  return bookedAt && id && !Number.isNaN(Date.parse(bookedAt)) && z.uuid().safeParse(id).success ? { bookedAt, id } : null;
}

export const cancelShipmentSchema = z.preprocess((body) => body ?? {}, z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }));
export type CancelShipment = z.infer<typeof cancelShipmentSchema>;
