import { z } from 'zod';
import type { FieldError } from '@lib/errors';
import { fieldErrors, isoDateTime, safeInput } from '@lib/http';
import { placeSchema } from '../../shipment/dto/book-shipment.dto';
import { DCSA_ALIASES, EVENT_KINDS } from '../carrier-event.kinds';
import { isDcsaEvent, mapDcsaEvent, type TransportCallRef } from '../../dcsa/dcsa-inbound';

/** DCSA field names map onto ours, so carriers that already speak Track & Trace can post as they are. */
function fromDcsa(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const { transportEventTypeCode, equipmentEventTypeCode, eventClassifierCode, eventDateTime, ...rest } =
    input as Record<string, unknown>;
  const kind = rest.kind ?? transportEventTypeCode ?? equipmentEventTypeCode;
  return {
    ...rest,
    ...(kind !== undefined
      ? { kind: typeof kind === 'string' ? (DCSA_ALIASES[kind.toUpperCase()] ?? kind) : kind }
      : {}),
    ...(rest.classifier === undefined && eventClassifierCode !== undefined ? { classifier: eventClassifierCode } : {}),
    ...(rest.occurredAt === undefined && eventDateTime !== undefined ? { occurredAt: eventDateTime } : {}),
  };
}

const eventSchema = z.preprocess(
  fromDcsa,
  z
    .strictObject({
      eventId: z.string().trim().min(1).max(100),
      shipmentId: z.uuid().optional(),
      trackingNumber: z.string().trim().min(1).max(40).optional(),
      leg: z.int().min(1).max(20),
      kind: z.enum(EVENT_KINDS, {
        message: `must be one of ${EVENT_KINDS.join(', ')} (or DCSA ${Object.keys(DCSA_ALIASES).join('/')})`,
      }),
      classifier: z.enum(['ACT', 'EST', 'PLN']).default('ACT'),
      occurredAt: isoDateTime(),
      location: placeSchema.optional(),
      crossing: z.string().trim().min(2).max(60).optional(),
      reason: z.string().trim().min(1).max(500).optional(),
      celsius: z.number().min(-80).max(80).optional(),
      // Relative humidity, per cent: reefer units that measure it report it with the temperature.
      humidityPercent: z.number().min(0).max(100).optional(),
      estimatedArrival: isoDateTime().optional(),
      // The container or trailer the event is about (DCSA equipmentReference: BIC code where there is one).
      equipmentReference: z.string().trim().min(1).max(15).optional(),
    })
    .refine((e) => e.shipmentId !== undefined || e.trackingNumber !== undefined, {
      message: 'shipmentId or trackingNumber is required',
      path: ['shipmentId'],
    })
    .refine((e) => e.kind !== 'temperature' || e.celsius !== undefined, {
      message: 'a temperature reading needs celsius',
      path: ['celsius'],
    })
    .refine((e) => e.humidityPercent === undefined || e.kind === 'temperature', {
      message: 'humidity comes with a temperature reading',
      path: ['humidityPercent'],
    })
    .refine((e) => e.kind !== 'exception' || e.reason !== undefined, {
      message: 'an exception needs a reason',
      path: ['reason'],
    }),
);

/**
 * One carrier event. Each is validated on its own (a batch reports each event's outcome, outside
 * `ZodBody`), so it refuses here what `ZodBody` refuses in other bodies: strings Postgres cannot
 * store (NUL, unpaired surrogates) in any field.
 */
export const carrierEventSchema = safeInput(eventSchema);

export type CarrierEventBody = z.infer<typeof carrierEventSchema>;

/** An event before its leg is known: a DCSA event names a transport call, whose leg depends on the shipment. */
export type CarrierEventDraft = Omit<CarrierEventBody, 'leg'> & { leg?: number };

/**
 * One event checked on its own: the body (with the DCSA transport call its leg is to be found from, for a
 * body in DCSA's own shape), or every refused field (named from the event, not the request body).
 */
export function parseCarrierEvent(
  item: unknown,
): { body: CarrierEventDraft; call?: TransportCallRef } | { errors: FieldError[] } {
  if (isDcsaEvent(item)) return mapDcsaEvent(item);
  const result = carrierEventSchema.safeParse(item);
  return result.success ? { body: result.data } : { errors: fieldErrors(result.error.issues, '(event)') };
}

export const MAX_BATCH = 1000;

/**
 * The envelope only: each event is validated on its own (text included: see carrierEventSchema) so one bad event
 * does not sink the batch.
 */
export const carrierEventBatchSchema = z.strictObject({
  events: z.array(z.unknown()).min(1).max(MAX_BATCH, `at most ${MAX_BATCH} events per batch`),
});

export const carrierEventExample = {
  eventId: 'NLC-KHI-2026-000123',
  trackingNumber: 'KZPK-7F3K-9Q2M',
  leg: 1,
  kind: 'departure',
  classifier: 'ACT',
  occurredAt: '2026-12-01T08:00:00+05:00',
  location: { locode: 'PKKHI', name: 'Karachi' },
};
