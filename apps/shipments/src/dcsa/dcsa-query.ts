import { z } from 'zod';
import type { FieldError } from '@lib/errors';
import { isoDateTime, keysetCursor } from '@lib/http';
import { UN_LOCODE } from '../shipment/dto/book-shipment.dto';
import {
  DCSA_EVENT_TYPES,
  DOCUMENT_TYPE_CODES,
  EQUIPMENT_EVENT_TYPE_CODES,
  SHIPMENT_EVENT_TYPE_CODES,
  TRANSPORT_EVENT_TYPE_CODES,
  type DcsaEventType,
} from './dcsa.codes';

/** Keyset over the feed's order (eventCreatedDateTime, eventID), microseconds kept as Postgres stores them. */
/** Where a poller stopped: the writing transaction's id (xid8, digits) and the row's id (dcsa.service.ts). */
export const feedCursor = keysetCursor({ tx: z.string().regex(/^\d{1,20}$/), id: z.uuid() });

export type Comparison = 'gte' | 'gt' | 'lte' | 'lt' | 'eq';
const COMPARISONS: readonly Comparison[] = ['gte', 'gt', 'lte', 'lt', 'eq'];

export const MAX_LIMIT = 500;
export const DEFAULT_LIMIT = 100;

export interface FeedQuery {
  eventTypes?: DcsaEventType[];
  shipmentEventTypeCodes?: string[];
  transportEventTypeCodes?: string[];
  equipmentEventTypeCodes?: string[];
  documentTypeCodes?: string[];
  /** carrierBookingReference or transportDocumentReference: both are our tracking number. */
  trackingNumbers: string[];
  equipmentReference?: string;
  unLocationCode?: string;
  created: { op: Comparison; at: string }[];
  limit: number;
  cursor?: { tx: string; id: string };
}

/** DCSA filters that need data our corridors do not have (vessels, voyages, services, schedules). */
const UNSUPPORTED = [
  'transportDocumentID',
  'scheduleID',
  'transportCallID',
  'vesselIMONumber',
  'carrierVoyageNumber',
  'exportVoyageNumber',
  'carrierServiceCode',
  'sort',
];

const list = (codes: readonly string[]) => codes.join(', ');

/**
 * A `+` in an offset arrives as a space when a client does not percent-encode it
 * (`…T14:12:56+01:00` → `…T14:12:56 01:00`); it can mean nothing else there.
 */
const restorePlus = (value: string) => value.replace(/ (\d{2}:\d{2})$/, '+$1');

/**
 * GET /v2/events' query as DCSA TNT 2.2 defines it: comma-separated code lists (OR within one filter,
 * AND between filters), `eventCreatedDateTime` with `:gte`/`:gt`/`:lte`/`:lt`/`:eq` (none means eq),
 * `limit` and `cursor`. Every refused parameter is named with the reason, all at once.
 */
export function parseFeedQuery(raw: Record<string, unknown>): { query: FeedQuery } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const query: FeedQuery = { trackingNumbers: [], created: [], limit: DEFAULT_LIMIT };

  const codes = (field: string, value: string, allowed: readonly string[]): string[] | undefined => {
    const values = value.split(',').map((v) => v.trim());
    const wrong = values.filter((v) => !allowed.includes(v));
    if (wrong.length === 0 && values.length > 0) return [...new Set(values)];
    errors.push({ field, reason: `${wrong.map((w) => `"${w}"`).join(', ')}: must be among ${list(allowed)}` });
    return undefined;
  };
  const reference = (field: string, value: string, maxLength: number) => {
    if (value.trim().length === 0 || value.length > maxLength)
      errors.push({ field, reason: `must be 1 to ${maxLength} characters` });
    // Tracking numbers are printed upper case; read back in any case (as GET /v1/shipments does).
    else query.trackingNumbers.push(value.trim().toUpperCase());
  };

  for (const [field, given] of Object.entries(raw)) {
    if (given === undefined) continue;
    if (typeof given !== 'string') {
      errors.push({ field, reason: 'give it once; several values go in one parameter, comma-separated' });
      continue;
    }
    const [name, op] = field.split(':', 2) as [string, string | undefined];
    if (name === 'eventCreatedDateTime') {
      const at = isoDateTime().safeParse(restorePlus(given));
      if (op !== undefined && !COMPARISONS.includes(op as Comparison))
        errors.push({ field, reason: `unknown operator ":${op}"; use one of :${COMPARISONS.join(', :')}` });
      else if (!at.success) errors.push({ field, reason: at.error.issues[0].message });
      else query.created.push({ op: (op ?? 'eq') as Comparison, at: at.data });
      continue;
    }
    switch (field) {
      case 'eventType':
        query.eventTypes = codes(field, given, DCSA_EVENT_TYPES) as DcsaEventType[] | undefined;
        break;
      case 'shipmentEventTypeCode':
        query.shipmentEventTypeCodes = codes(field, given, SHIPMENT_EVENT_TYPE_CODES);
        break;
      case 'transportEventTypeCode':
        query.transportEventTypeCodes = codes(field, given, TRANSPORT_EVENT_TYPE_CODES);
        break;
      case 'equipmentEventTypeCode':
        query.equipmentEventTypeCodes = codes(field, given, EQUIPMENT_EVENT_TYPE_CODES);
        break;
      case 'documentTypeCode':
        query.documentTypeCodes = codes(field, given, DOCUMENT_TYPE_CODES);
        break;
      // DCSA's maximum lengths (carrierBookingReference 35, transportDocumentReference 20).
      case 'carrierBookingReference':
      case 'bookingReference':
        reference(field, given, 35);
        break;
      case 'transportDocumentReference':
        reference(field, given, 20);
        break;
      case 'equipmentReference':
        if (given.trim().length === 0 || given.length > 15)
          errors.push({ field, reason: 'must be 1 to 15 characters' });
        else query.equipmentReference = given.trim();
        break;
      case 'UNLocationCode':
        if (!UN_LOCODE.test(given)) errors.push({ field, reason: 'must be a UN/LOCODE such as PKKHI' });
        else query.unLocationCode = given;
        break;
      case 'limit': {
        const limit = /^\d{1,6}$/.test(given) ? Number(given) : NaN;
        if (!(limit >= 1 && limit <= MAX_LIMIT))
          errors.push({ field, reason: `must be a whole number from 1 to ${MAX_LIMIT}` });
        else query.limit = limit;
        break;
      }
      case 'cursor': {
        const cursor = feedCursor.decode(given);
        if (!cursor) errors.push({ field, reason: 'not a cursor this API returned; follow the Next-Page header' });
        else query.cursor = cursor;
        break;
      }
      default:
        errors.push({
          field,
          reason: UNSUPPORTED.includes(field)
            ? 'a DCSA filter this service does not support: its corridors have no vessel schedules or voyages'
            : 'not a filter of GET /v2/events',
        });
    }
  }
  if (new Set(query.trackingNumbers).size > 1)
    errors.push({ field: 'transportDocumentReference', reason: 'names another shipment than carrierBookingReference' });
  return errors.length ? { errors } : { query };
}
