import { z } from 'zod';
import { LANGUAGES } from '@lib/i18n';
import { eventFilterProblem } from '../event-filter';

const eventTypes = z
  .array(
    z
      .string()
      .trim()
      .min(1)
      .max(100)
      .superRefine((filter, ctx) => {
        const problem = eventFilterProblem(filter);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  )
  .min(1)
  .max(50);

/** The language notifications are written in; on creation, absent means the request's Accept-Language. */
const language = z.enum(LANGUAGES, { error: `one of ${LANGUAGES.join(', ')}` });

const common = {
  eventTypes: eventTypes.default(['*']),
  description: z.string().trim().max(200).optional(),
  language: language.optional(),
};

export const createSubscriptionSchema = z.discriminatedUnion('channel', [
  z.strictObject({ channel: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }).max(2000), ...common }),
  z.strictObject({ channel: z.literal('email'), email: z.email().max(320), ...common }),
]);
export type CreateSubscription = z.infer<typeof createSubscriptionSchema>;

export const updateSubscriptionSchema = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    email: z.email().max(320).optional(),
    eventTypes: eventTypes.optional(),
    description: z.string().trim().max(200).optional(),
    language: language.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });
export type UpdateSubscription = z.infer<typeof updateSubscriptionSchema>;

export const subscriptionExample = {
  id: '3d1f6a0e-8b7c-4d2a-9e1f-5a6b7c8d9e0f',
  channel: 'webhook',
  url: 'https://hooks.bhalwal-kinnow.example/cargo',
  email: null,
  description: 'ERP integration',
  eventTypes: ['customs.*', 'shipment.delivered'],
  language: 'ur',
  enabled: true,
  disabledReason: null,
  previousSecretUntil: null,
  createdAt: '2026-12-01T08:00:00.000Z',
};
