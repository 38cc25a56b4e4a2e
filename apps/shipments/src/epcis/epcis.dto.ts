import { z } from 'zod';
import { timelineCursor } from '../shipment/dto/timeline.dto';

/** How many history events one export carries at most; a longer history continues at the `Link: rel="next"`. */
export const MAX_EXPORT_EVENTS = 1000;

export const epcisExportSchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_EXPORT_EVENTS).default(MAX_EXPORT_EVENTS),
  cursor: timelineCursor.param(),
});
export type EpcisExportQuery = z.infer<typeof epcisExportSchema>;
