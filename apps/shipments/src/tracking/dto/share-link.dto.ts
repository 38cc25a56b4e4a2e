import { z } from 'zod';
import { LANGUAGES } from '@lib/i18n';
import { isoDateTime, safeInput } from '@lib/http';

/**
 * A share link to the shipment's public tracking page. Nothing beyond the basics is shown unless the
 * shipper says so in `show`; `expiresAt` (at most a year ahead) is checked against the clock by the service.
 */
export const createShareLinkSchema = safeInput(
  z.preprocess(
    (body) => body ?? {},
    z.strictObject({
      label: z.string().trim().min(1).max(120).optional(),
      language: z.enum(LANGUAGES).optional(),
      expiresAt: isoDateTime().optional(),
      show: z
        .strictObject({
          consignee: z.boolean().optional(),
          documents: z.boolean().optional(),
        })
        .optional(),
    }),
  ),
);
export type CreateShareLink = z.infer<typeof createShareLinkSchema>;

export const createShareLinkExample = {
  label: 'Almaty Fruit Terminal — receiving desk',
  language: 'ru',
  expiresAt: '2026-12-31T23:59:00+05:00',
  show: { consignee: true, documents: false },
};

export const shareLinkExample = {
  id: '0b6f3c1e-7d2a-4f5e-9c8b-1a2b3c4d5e6f',
  label: createShareLinkExample.label,
  language: 'ru',
  show: { consignee: true, documents: false },
  createdAt: '2026-12-01T08:00:00.000Z',
  expiresAt: '2026-12-31T18:59:00.000Z',
  revokedAt: null,
  lastOpenedAt: null,
};
