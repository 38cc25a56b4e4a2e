import { z } from 'zod';
import { isoDateTime, safeInput } from '@lib/http';

const who = z.string().trim().min(1).max(120);

/** An operator closes or opens a crossing from `from` (default now) until `until` (default: until lifted). */
export const setOverrideSchema = safeInput(
  z
    .strictObject({
      open: z.boolean(),
      reason: z.string().trim().min(1).max(200),
      from: isoDateTime().optional(),
      until: isoDateTime().optional(),
      requestedBy: who.optional(),
    })
    .refine((body) => !body.from || !body.until || Date.parse(body.until) > Date.parse(body.from), {
      path: ['until'],
      message: 'must be after from',
    }),
);
export type SetOverride = z.infer<typeof setOverrideSchema>;

export const liftOverrideSchema = safeInput(
  z.preprocess((body) => body ?? {}, z.strictObject({ requestedBy: who.optional() })),
);
export type LiftOverride = z.infer<typeof liftOverrideSchema>;

export const setOverrideExample = {
  open: false,
  reason: 'landslide at Sost; NHA clearing the road',
  until: '2026-12-05T06:00:00+05:00',
  requestedBy: 'control room (A. Khan)',
};
