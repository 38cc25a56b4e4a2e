import { z } from 'zod';
import type { Place, TransportMode } from '@lib/contracts';
import type { FieldError } from '@lib/errors';
import { fieldErrors, isoDateTime, safeInput } from '@lib/http';
import { BORDER_KINDS, LEG_END_OF_KIND, type EventKind } from '../carrier-event/carrier-event.kinds';
import { isUuid } from '../epcis/event-ids';
import { UN_LOCODE } from '../shipment/dto/book-shipment.dto';
import { MODE_OF_DCSA } from './dcsa.codes';

/**
 * A body in DCSA's own shape, not ours: DCSA names its id `eventID` and types every event with `eventType`;
 * our native and alias bodies have neither (they are strict objects, so they could not pass with one).
 */
export function isDcsaEvent(input: unknown): boolean {
  return (
    typeof input === 'object' && input !== null && !Array.isArray(input) && ('eventID' in input || 'eventType' in input)
  );
}

const locode = z.string().regex(UN_LOCODE, 'must be a UN/LOCODE such as PKKHI');

const dcsaLocation = z.object({
  locationName: z.string().trim().min(1).max(100).optional(),
  UNLocationCode: locode.optional(),
});

const transportCallSchema = z.object({
  transportCallID: z.string().trim().min(1).max(100),
  modeOfTransport: z.enum(['VESSEL', 'RAIL', 'TRUCK', 'BARGE']),
  UNLocationCode: locode.optional(),
  facilityTypeCode: z.enum(['BOCR', 'CLOC', 'COFS', 'COYA', 'OFFD', 'DEPO', 'INTE', 'POTE', 'RAMP']).optional(),
  location: dcsaLocation.optional(),
});

const documentReference = z.object({
  documentReferenceType: z.enum(['BKG', 'TRD']),
  documentReferenceValue: z.string().trim().min(1).max(100),
});

/** DCSA classifiers we take: PLN is the carrier's plan, and the plan here is the booking's (its legs). */
const classifier = z.enum(['ACT', 'EST', 'PLN']).refine((c) => c !== 'PLN', {
  message: 'planned (PLN) events are not accepted: the plan is the booking’s; send ACT, or EST for an estimate',
});

/** The DCSA equipment events that are facts of our legs. */
const EQUIPMENT_KIND: Record<string, EventKind> = {
  LOAD: 'load',
  DISC: 'discharge',
  GTIN: 'gate_in',
  GTOT: 'gate_out',
};

const common = {
  eventID: z.uuid('must be a UUID, as DCSA eventIDs are'),
  eventClassifierCode: classifier,
  eventDateTime: isoDateTime(),
  eventCreatedDateTime: isoDateTime(),
  documentReferences: z
    .array(documentReference)
    .min(1, 'name the shipment: a BKG or TRD reference (our tracking number)')
    .max(10),
};

/**
 * The DCSA TNT 2.2 events a carrier can post: Transport (ARRI/DEPA) and Equipment (LOAD/DISC/GTIN/GTOT).
 * Other DCSA members (references, seals, delayReasonCode, changeRemark…) are allowed and not kept.
 */
const dcsaEventSchema = z.discriminatedUnion(
  'eventType',
  [
    z.object({
      ...common,
      eventType: z.literal('TRANSPORT'),
      transportEventTypeCode: z.enum(['ARRI', 'DEPA']),
      transportCall: transportCallSchema,
    }),
    z.object({
      ...common,
      eventType: z.literal('EQUIPMENT'),
      equipmentEventTypeCode: z.enum(Object.keys(EQUIPMENT_KIND) as [string, ...string[]], {
        message: `must be one of ${Object.keys(EQUIPMENT_KIND).join(', ')}: the equipment events of our legs`,
      }),
      equipmentReference: z.string().trim().min(1).max(15).optional(),
      eventLocation: dcsaLocation.optional(),
      transportCall: transportCallSchema,
    }),
  ],
  {
    message:
      'must be TRANSPORT or EQUIPMENT: carriers report transport and equipment events (shipment events ' +
      'are the booking’s, published by us)',
  },
);

export type DcsaInbound = z.infer<typeof dcsaEventSchema>;

/** Where the event happened, as a transport call names it: the place and the mode of the leg it belongs to. */
export interface TransportCallRef {
  locode?: string;
  mode: TransportMode;
}

/** Our carrier event, as the DCSA event says it; its leg is found from the transport call once the shipment is. */
export interface MappedDcsaEvent {
  eventId: string;
  shipmentId?: string;
  trackingNumber?: string;
  kind: EventKind;
  classifier: 'ACT' | 'EST';
  occurredAt: string;
  location?: Place;
  estimatedArrival?: string;
  equipmentReference?: string;
}

/** DCSA → our carrier event (leg aside), or every refused DCSA field. */
export function mapDcsaEvent(
  input: unknown,
): { body: MappedDcsaEvent; call: TransportCallRef } | { errors: FieldError[] } {
  const result = safeInput(dcsaEventSchema).safeParse(input);
  if (!result.success) return { errors: fieldErrors(result.error.issues, '(event)') };
  const event = result.data;
  const references = [...new Set(event.documentReferences.map((r) => r.documentReferenceValue.toUpperCase()))];
  if (references.length > 1)
    return { errors: [{ field: 'documentReferences', reason: 'the references name more than one shipment' }] };
  const [reference] = references;

  const call = event.transportCall;
  const where = event.eventType === 'EQUIPMENT' ? event.eventLocation : undefined;
  const code = where?.UNLocationCode ?? call.location?.UNLocationCode ?? call.UNLocationCode;
  const name = where?.locationName ?? call.location?.locationName ?? code;
  const border = call.facilityTypeCode === 'BOCR';
  const kind: EventKind =
    event.eventType === 'TRANSPORT'
      ? event.transportEventTypeCode === 'ARRI'
        ? border
          ? 'border_arrival'
          : 'arrival'
        : border
          ? 'border_exit'
          : 'departure'
      : EQUIPMENT_KIND[event.equipmentEventTypeCode];
  // PLN was refused above. An estimate is made now about later: it happened when it was created, and an
  // ETA is what it estimates.
  const estimate = event.eventClassifierCode === 'EST';
  const classifierCode = estimate ? 'EST' : 'ACT';
  return {
    body: {
      eventId: event.eventID,
      // DCSA's own examples use a UUID for a transport document: a UUID here is our shipment id.
      ...(isUuid(reference) ? { shipmentId: reference.toLowerCase() } : { trackingNumber: reference }),
      kind,
      classifier: classifierCode,
      occurredAt: estimate ? event.eventCreatedDateTime : event.eventDateTime,
      ...(name ? { location: { ...(code ? { locode: code } : {}), name } } : {}),
      ...(estimate && kind === 'arrival' ? { estimatedArrival: event.eventDateTime } : {}),
      ...(event.eventType === 'EQUIPMENT' && event.equipmentReference
        ? { equipmentReference: event.equipmentReference }
        : {}),
    },
    call: { ...(code ? { locode: code } : {}), mode: MODE_OF_DCSA[call.modeOfTransport] },
  };
}

interface LegPlan {
  sequence: number;
  mode: TransportMode;
  carrier: string;
  crossing?: string | null;
  from: Place;
  to: Place;
}

/**
 * The leg a DCSA transport call is on, among the posting carrier's legs of its mode: for a border event the
 * leg that starts at a crossing at its UN/LOCODE (the rules keep border events on the leg beyond the border);
 * else the one whose end for the kind is there (a departure at the leg's start, an arrival at its end), else
 * the one that touches it at the other end. No place, no leg there, or two legs alike: refused with the reason.
 */
export function legOfCall(
  legs: LegPlan[],
  call: TransportCallRef,
  kind: EventKind,
  carrier: string,
): { leg: number } | { error: FieldError } {
  const field = 'transportCall';
  if (!call.locode) return { error: { field, reason: 'needs UNLocationCode: it says which leg the event is on' } };
  const mine = legs.filter((leg) => leg.mode === call.mode && leg.carrier === carrier);
  const end = LEG_END_OF_KIND[kind];
  const candidates: LegPlan[][] = [
    BORDER_KINDS.includes(kind) ? mine.filter((leg) => leg.crossing && leg.from.locode === call.locode) : [],
    mine.filter((leg) => leg[end].locode === call.locode),
    mine.filter((leg) => leg[end === 'from' ? 'to' : 'from'].locode === call.locode),
  ];
  for (const found of candidates) {
    if (found.length === 1) return { leg: found[0].sequence };
    if (found.length > 1) {
      const which = found.map((l) => l.sequence).join(' and ');
      return { error: { field, reason: `${call.locode} is on legs ${which}: post a native event with its leg` } };
    }
  }
  return { error: { field, reason: `no ${call.mode} leg of yours on this shipment starts or ends at ${call.locode}` } };
}
