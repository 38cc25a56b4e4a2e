import type { Place, TransportMode } from '@lib/contracts';
import { bookingEventId } from '../epcis/event-ids';
import { DCSA_MODE_OF, DCSA_OF_KIND, type CustomsKind, type DcsaCode } from './dcsa.codes';
import type { EventKind } from '../carrier-event/carrier-event.kinds';

/** One fact of the feed as the service reads it: a carrier event, or a shipment's booking. */
export type FeedRow =
  | {
      source: 'carrier';
      id: string;
      createdAt: string;
      occurredAt: string;
      kind: EventKind | CustomsKind;
      classifier: 'ACT' | 'EST' | 'PLN';
      shipmentId: string;
      trackingNumber: string;
      legSequence: number;
      mode: TransportMode;
      /** The leg's end the call is at (LEG_END_OF_KIND; an estimate's: the end it estimates the arrival at). */
      callEnd: 'from' | 'to';
      place: Place | null;
      equipmentReference: string | null;
      estimatedArrival: string | null;
    }
  | { source: 'booking'; createdAt: string; shipmentId: string; trackingNumber: string };

export interface DocumentReference {
  documentReferenceType: 'BKG' | 'TRD';
  documentReferenceValue: string;
}

export interface TransportCall {
  transportCallID: string;
  modeOfTransport: string;
  UNLocationCode?: string;
  facilityTypeCode?: string;
  location?: { locationName: string; UNLocationCode?: string };
}

export type DcsaEvent = Record<string, unknown> & {
  eventID: string;
  eventType: 'SHIPMENT' | 'TRANSPORT' | 'EQUIPMENT';
  eventCreatedDateTime: string;
};

/**
 * Our tracking number is the one reference a shipper holds: DCSA's carrierBookingReference (BKG) and,
 * as we issue no separate transport document, its transportDocumentReference (TRD) too.
 */
export function documentReferences(trackingNumber: string): DocumentReference[] {
  return [
    { documentReferenceType: 'BKG', documentReferenceValue: trackingNumber },
    { documentReferenceType: 'TRD', documentReferenceValue: trackingNumber },
  ];
}

function transportCall(row: Extract<FeedRow, { source: 'carrier' }>, facilityTypeCode?: string): TransportCall {
  const locode = row.place?.locode;
  const mode = DCSA_MODE_OF[row.mode];
  // The feed leaves out legs DCSA has no mode for (air); one here is a bug, not a truck.
  if (!mode) throw new Error(`a ${row.mode} leg has no DCSA transport call`);
  return {
    // A call is one place of one leg: its start or its end.
    transportCallID: `${row.shipmentId}/${row.legSequence}/${row.callEnd}`,
    modeOfTransport: mode,
    ...(locode ? { UNLocationCode: locode } : {}),
    ...(facilityTypeCode ? { facilityTypeCode } : {}),
    ...(row.place ? { location: { locationName: row.place.name, ...(locode ? { UNLocationCode: locode } : {}) } } : {}),
  };
}

/**
 * What DCSA event a row is. An estimate (EST/PLN, of whatever kind) is what the rules keep of it: the leg's
 * estimated arrival, so it is an ARRI EST at the leg's end, whatever the carrier was reporting.
 */
export function dcsaCodeOf(kind: EventKind | CustomsKind, classifier: 'ACT' | 'EST' | 'PLN'): DcsaCode | undefined {
  return classifier === 'ACT' ? DCSA_OF_KIND[kind] : DCSA_OF_KIND.arrival;
}

/**
 * A fact as DCSA TNT 2.2 says it. The caller only passes rows the feed selects (kinds in DCSA_OF_KIND or
 * estimates, legs with a DCSA mode). An estimate's eventDateTime is the arrival time it estimates, as DCSA's
 * EST events carry it.
 */
export function toDcsaEvent(row: FeedRow): DcsaEvent {
  if (row.source === 'booking') {
    return {
      eventID: bookingEventId(row.shipmentId),
      eventType: 'SHIPMENT',
      eventCreatedDateTime: row.createdAt,
      eventClassifierCode: 'ACT',
      // DCSA: a shipment event's eventDateTime is its eventCreatedDateTime.
      eventDateTime: row.createdAt,
      shipmentEventTypeCode: 'CONF',
      documentTypeCode: 'BKG',
      documentID: row.trackingNumber,
    };
  }
  const dcsa = dcsaCodeOf(row.kind, row.classifier);
  if (!dcsa) throw new Error(`${row.kind} has no DCSA event`);
  if (dcsa.eventType === 'SHIPMENT')
    return {
      eventID: row.id,
      eventType: 'SHIPMENT',
      eventCreatedDateTime: row.createdAt,
      eventClassifierCode: 'ACT',
      eventDateTime: row.createdAt,
      shipmentEventTypeCode: dcsa.code,
      // The customs inspection of this shipment: our tracking number is the one reference to it we publish.
      documentTypeCode: dcsa.documentTypeCode ?? 'BKG',
      documentID: row.trackingNumber,
    };
  const base = {
    eventID: row.id,
    eventCreatedDateTime: row.createdAt,
    eventClassifierCode: row.classifier,
    eventDateTime: row.classifier === 'ACT' ? row.occurredAt : (row.estimatedArrival ?? row.occurredAt),
  };
  const call = transportCall(row, dcsa.facilityTypeCode);
  if (dcsa.eventType === 'TRANSPORT')
    return {
      ...base,
      eventType: 'TRANSPORT',
      transportEventTypeCode: dcsa.code,
      transportCall: call,
      documentReferences: documentReferences(row.trackingNumber),
    };
  return {
    ...base,
    eventType: 'EQUIPMENT',
    equipmentEventTypeCode: dcsa.code,
    ...(row.equipmentReference ? { equipmentReference: row.equipmentReference } : {}),
    // What we carry is the shipper's cargo: the equipment is laden.
    emptyIndicatorCode: 'LADEN',
    ...(call.location ? { eventLocation: call.location } : {}),
    transportCall: call,
    documentReferences: documentReferences(row.trackingNumber),
  };
}
