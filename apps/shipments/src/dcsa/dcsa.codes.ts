import type { TransportMode } from '@lib/contracts';
import type { EventKind } from '../carrier-event/carrier-event.kinds';

/** The DCSA TNT version this module speaks, sent as `API-Version` on every answer. */
export const DCSA_API_VERSION = '2.2.0';

export type DcsaEventType = 'SHIPMENT' | 'TRANSPORT' | 'EQUIPMENT';
export const DCSA_EVENT_TYPES: readonly DcsaEventType[] = ['SHIPMENT', 'TRANSPORT', 'EQUIPMENT'];

export const TRANSPORT_EVENT_TYPE_CODES = ['ARRI', 'DEPA'] as const;
export const EQUIPMENT_EVENT_TYPE_CODES = [
  'LOAD',
  'DISC',
  'GTIN',
  'GTOT',
  'STUF',
  'STRP',
  'PICK',
  'DROP',
  'INSP',
  'RSEA',
  'RMVD',
] as const;
export const SHIPMENT_EVENT_TYPE_CODES = [
  'RECE',
  'DRFT',
  'PENA',
  'PENU',
  'REJE',
  'APPR',
  'ISSU',
  'SURR',
  'SUBM',
  'VOID',
  'CONF',
  'REQS',
  'CMPL',
  'HOLD',
  'RELS',
] as const;
export const DOCUMENT_TYPE_CODES = [
  'CBR',
  'BKG',
  'SHI',
  'SRM',
  'TRD',
  'ARN',
  'VGM',
  'CAS',
  'CUS',
  'DGD',
  'OOG',
] as const;

export interface DcsaCode {
  eventType: DcsaEventType;
  code: string;
  /** DCSA facilityTypeCode of the transport call, where the kind says what the place is. */
  facilityTypeCode?: 'BOCR' | 'CLOC';
  /** What a shipment event is about (DCSA documentTypeCode). */
  documentTypeCode?: 'BKG' | 'CUS';
}

/**
 * Our timeline's kinds as DCSA TNT 2.2 events: carriers' events, and customs' decisions at a crossing
 * (the timeline's customs_* rows) as shipment events about the customs inspection (CUS). Exceptions and
 * temperature readings have no DCSA 2.2 event and stay out of the feed (they are on
 * GET /v1/shipments/:id/events).
 */
export const DCSA_OF_KIND: Partial<Record<EventKind | CustomsKind, DcsaCode>> = {
  departure: { eventType: 'TRANSPORT', code: 'DEPA' },
  arrival: { eventType: 'TRANSPORT', code: 'ARRI' },
  border_arrival: { eventType: 'TRANSPORT', code: 'ARRI', facilityTypeCode: 'BOCR' },
  border_exit: { eventType: 'TRANSPORT', code: 'DEPA', facilityTypeCode: 'BOCR' },
  load: { eventType: 'EQUIPMENT', code: 'LOAD' },
  discharge: { eventType: 'EQUIPMENT', code: 'DISC' },
  gate_in: { eventType: 'EQUIPMENT', code: 'GTIN' },
  gate_out: { eventType: 'EQUIPMENT', code: 'GTOT' },
  // Handed over at the consignee's door: the equipment's drop-off at a customer location.
  delivery: { eventType: 'EQUIPMENT', code: 'DROP', facilityTypeCode: 'CLOC' },
  customs_hold: { eventType: 'SHIPMENT', code: 'HOLD', documentTypeCode: 'CUS' },
  customs_release: { eventType: 'SHIPMENT', code: 'RELS', documentTypeCode: 'CUS' },
  customs_rejection: { eventType: 'SHIPMENT', code: 'REJE', documentTypeCode: 'CUS' },
};

/** Customs' decisions as the timeline keeps them (apps/shipments/src/customs-gate). */
export type CustomsKind = 'customs_hold' | 'customs_release' | 'customs_rejection';

export type DcsaMode = 'VESSEL' | 'RAIL' | 'TRUCK' | 'BARGE';

/**
 * DCSA 2.2 modes are those of container shipping: air has none, so an air leg's transport and equipment
 * events are not in the DCSA feed (customs' decisions at its airport are).
 */
export const DCSA_MODE_OF: Record<TransportMode, DcsaMode | undefined> = {
  ROAD: 'TRUCK',
  RAIL: 'RAIL',
  SEA: 'VESSEL',
  AIR: undefined,
};

export const MODE_OF_DCSA: Record<DcsaMode, TransportMode> = {
  TRUCK: 'ROAD',
  RAIL: 'RAIL',
  VESSEL: 'SEA',
  BARGE: 'SEA',
};
