import { z } from 'zod';
import { isoDateTime, keysetCursor, utcMicros } from '@lib/http';

/** Keyset over the timeline's order: (occurredAt, acceptedAt, id), microseconds kept as Postgres stores them. */
export const timelineCursor = keysetCursor({ occurredAt: isoDateTime(), acceptedAt: isoDateTime(), id: z.uuid() });

/** The cursor's time keys as SQL selects them: UTC text with microseconds, so the keyset neither skips nor repeats. */
export const timelineKeyColumns = [
  `${utcMicros('occurred_at')} AS occurred_key`,
  `${utcMicros('accepted_at')} AS accepted_key`,
].join(', ');

export const listEventsSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: timelineCursor.param(),
});
export type ListEventsQuery = z.infer<typeof listEventsSchema>;

/** How many of the latest events GET /v1/shipments/:id carries; the rest is paged at /events. */
export const LATEST_EVENTS = 100;
