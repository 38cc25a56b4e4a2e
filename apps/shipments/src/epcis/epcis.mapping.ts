import type { Cargo, Place } from '@lib/contracts';
import { timeZoneOf } from '@lib/reference-data';
import { LEG_END_OF_KIND } from '../carrier-event/carrier-event.kinds';
import { outsideCarry } from '../carrier-event/carry-conditions';
import { UN_LOCODE } from '../shipment/dto/book-shipment.dto';
import type { LegState } from '../shipment/tracking-state';
import { bookingEventId } from './event-ids';

/** GS1's JSON-LD context of EPCIS 2.0: it maps the bare CBV terms below onto `cbv:` and `gs1:` IRIs. */
export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

/** One row of the shipment's history (carriers' events and customs decisions), as the export reads it. */
export interface HistoryEvent {
  /** Our row id: stable for the row's life, so repeated exports give the same eventID. */
  id: string;
  legSequence: number;
  kind: string;
  occurredAt: Date;
  acceptedAt: Date;
  location: Place | null;
  details: { crossing?: string; reason?: string; celsius?: number; humidityPercent?: number };
}

export interface ExportedShipment {
  id: string;
  cargo: Cargo;
  legs: LegState[];
  bookedAt: Date;
}

type BizStep =
  | 'commissioning'
  | 'departing'
  | 'arriving'
  | 'loading'
  | 'unloading'
  | 'accepting'
  | 'sensor_reporting'
  | 'holding'
  | 'inspecting';
type Disposition = 'active' | 'in_transit' | 'unavailable' | 'conformant' | 'non_conformant';

interface Step {
  bizStep: BizStep;
  disposition?: Disposition;
  /** Where the object is after the event; none while it moves (departing, readings on the road). */
  at: 'place' | 'none';
}

/**
 * Our history kinds in CBV 2.0 terms. Departures and exits leave a place (no bizLocation); border
 * arrivals are arrivals at the crossing's place. Delivery is the carrier handing the cargo over, a change
 * of possession (`accepting`); `receiving` would claim it entered the consignee's stock, which only the
 * consignee can say, and what its disposition is then is the consignee's too. A customs hold segregates
 * the cargo for review (`holding`, out of the supply chain until released: `unavailable`); clearance and
 * rejection are the outcome of an inspection. `exception` has no CBV step (its reason is free text) and
 * estimated/planned events are not facts, so neither is exported.
 */
const STEPS: Record<string, Step> = {
  departure: { bizStep: 'departing', disposition: 'in_transit', at: 'none' },
  border_exit: { bizStep: 'departing', disposition: 'in_transit', at: 'none' },
  gate_out: { bizStep: 'departing', disposition: 'in_transit', at: 'none' },
  arrival: { bizStep: 'arriving', disposition: 'in_transit', at: 'place' },
  border_arrival: { bizStep: 'arriving', disposition: 'in_transit', at: 'place' },
  gate_in: { bizStep: 'arriving', disposition: 'in_transit', at: 'place' },
  load: { bizStep: 'loading', disposition: 'in_transit', at: 'place' },
  discharge: { bizStep: 'unloading', disposition: 'in_transit', at: 'place' },
  delivery: { bizStep: 'accepting', at: 'place' },
  temperature: { bizStep: 'sensor_reporting', at: 'none' },
  customs_hold: { bizStep: 'holding', disposition: 'unavailable', at: 'place' },
  customs_release: { bizStep: 'inspecting', disposition: 'conformant', at: 'place' },
  customs_rejection: { bizStep: 'inspecting', disposition: 'non_conformant', at: 'place' },
};

/** The history kinds the export carries (the service reads only these). */
export const EXPORTED_KINDS = Object.keys(STEPS);

/**
 * The shipment as an EPC: `urn:uuid:` (RFC 4122's URN namespace) of its id. EPCIS 2.0 takes any URI;
 * GS1's own keys for a consignment (GSIN, SSCC) need a GS1 Company Prefix that neither we nor our shippers'
 * bookings carry, and the tracking number is for people (it can be reissued, the id cannot).
 */
export const shipmentUri = (shipmentId: string) => `urn:uuid:${shipmentId}`;

/**
 * A place as a location URI: UN/CEFACT's vocabulary IRI for its UN/LOCODE
 * (`https://vocabulary.uncefact.org/unlocode#PKKHI`), the code list's maintainer's own web identifier, which
 * UN/CEFACT's transparency protocol uses too. An SGLN or GS1 Digital Link would need a GLN that these
 * border posts and ports do not have. A place without a UN/LOCODE (Sost dry port) gets no URI: none is
 * made up for it, and the event goes without readPoint/bizLocation.
 */
export function placeUri(place: Place | null | undefined): string | undefined {
  return place?.locode && UN_LOCODE.test(place.locode)
    ? `https://vocabulary.uncefact.org/unlocode#${place.locode}`
    : undefined;
}

/** One formatter per time zone: building one costs far more than using it. */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The UTC offset in force at `at` where the event happened: the place's time zone (reference data, by its
 * country), so a reading in Kabul is +04:30 and Almaty before March 2024 +06:00. Carriers' own offsets
 * are not kept (times are stored in UTC); a place we cannot place is read in UTC.
 */
export function timeZoneOffset(place: Place | null | undefined, at: Date): string {
  const zone = timeZoneOf(place ?? undefined);
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormats.set(zone, format);
  }
  const name = format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value;
  // `GMT+05:00`, or plain `GMT` for UTC itself.
  const offset = name?.replace(/^GMT/, '') ?? '';
  return /^[+-]\d\d:\d\d$/.test(offset) ? offset : '+00:00';
}

/** `at` as local time with `offset` (`2026-12-01T08:00:00.000+05:00`): the same instant, read where it happened. */
export function localTime(at: Date, offset: string): string {
  const [, sign, hours, minutes] = /^([+-])(\d\d):(\d\d)$/.exec(offset)!;
  const shiftMs = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
  return new Date(at.getTime() + shiftMs).toISOString().slice(0, 23) + offset;
}

export type EpcisEvent = Record<string, unknown>;

const location = (uri: string | undefined) => (uri ? { id: uri } : undefined);

/** Where a row happened: its own location, else where the carrier-event rules place that kind on its leg. */
function placeOf(event: HistoryEvent, leg: LegState | undefined): Place | null {
  if (event.location) return event.location;
  if (!leg || event.kind === 'temperature') return null;
  // Customs' rows are decisions at the crossing the leg starts at.
  return leg[(LEG_END_OF_KIND as Partial<Record<string, 'from' | 'to'>>)[event.kind] ?? 'from'];
}

/** Reefer readings as one sensor element: temperature (°C) and relative humidity (%) where reported. */
function sensorElements(event: HistoryEvent, cargo: Cargo) {
  const { celsius, humidityPercent } = event.details;
  const outside = outsideCarry(cargo.perishable, { celsius, humidityPercent });
  // UN/ECE Recommendation 20 units, as the standard's `uom` asks: CEL degree Celsius, P1 per cent.
  const report = [
    ...(celsius !== undefined
      ? [
          {
            type: 'Temperature',
            value: celsius,
            uom: 'CEL',
            ...(outside.includes('temperature') ? { exception: 'ALARM_CONDITION' } : {}),
          },
        ]
      : []),
    ...(humidityPercent !== undefined
      ? [
          {
            type: 'RelativeHumidity',
            value: humidityPercent,
            uom: 'P1',
            ...(outside.includes('humidity') ? { exception: 'ALARM_CONDITION' } : {}),
          },
        ]
      : []),
  ];
  return [{ sensorReport: report }];
}

/** The booking: the shipment's identifier comes into use for this cargo (ADD), from its origin to its destination. */
export function bookingEvent(shipment: ExportedShipment): EpcisEvent {
  const origin = shipment.legs[0]?.from;
  const destination = shipment.legs[shipment.legs.length - 1]?.to;
  const offset = timeZoneOffset(origin, shipment.bookedAt);
  const source = placeUri(origin);
  const target = placeUri(destination);
  return {
    type: 'ObjectEvent',
    eventID: `urn:uuid:${bookingEventId(shipment.id)}`,
    eventTime: localTime(shipment.bookedAt, offset),
    eventTimeZoneOffset: offset,
    epcList: [shipmentUri(shipment.id)],
    action: 'ADD',
    bizStep: 'commissioning',
    disposition: 'active',
    ...(source ? { sourceList: [{ type: 'location', source }] } : {}),
    ...(target ? { destinationList: [{ type: 'location', destination: target }] } : {}),
  };
}

/** One history row as an ObjectEvent about the shipment; undefined for a kind the export does not carry. */
export function historyEvent(shipment: ExportedShipment, event: HistoryEvent): EpcisEvent | undefined {
  const step = STEPS[event.kind];
  if (!step) return undefined;
  const leg = shipment.legs.find((l) => l.sequence === event.legSequence);
  const place = placeOf(event, leg);
  const offset = timeZoneOffset(place ?? leg?.from, event.occurredAt);
  const where = placeUri(place);
  const departing = event.kind === 'departure' && leg;
  return {
    type: 'ObjectEvent',
    eventID: `urn:uuid:${event.id}`,
    eventTime: localTime(event.occurredAt, offset),
    eventTimeZoneOffset: offset,
    recordTime: event.acceptedAt.toISOString(),
    epcList: [shipmentUri(shipment.id)],
    action: 'OBSERVE',
    bizStep: step.bizStep,
    ...(step.disposition ? { disposition: step.disposition } : {}),
    ...(where ? { readPoint: location(where) } : {}),
    ...(where && step.at === 'place' ? { bizLocation: location(where) } : {}),
    ...(departing && placeUri(leg.to)
      ? { destinationList: [{ type: 'location', destination: placeUri(leg.to) }] }
      : {}),
    ...(event.kind === 'temperature' ? { sensorElementList: sensorElements(event, shipment.cargo) } : {}),
  };
}

/** An EPCIS 2.0 document of these events (the booking first when `withBooking`, then the history in order). */
export function epcisDocument(
  shipment: ExportedShipment,
  history: HistoryEvent[],
  creationDate: Date,
  withBooking: boolean,
): Record<string, unknown> {
  const events = history.map((e) => historyEvent(shipment, e)).filter((e): e is EpcisEvent => e !== undefined);
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: creationDate.toISOString(),
    epcisBody: { eventList: withBooking ? [bookingEvent(shipment), ...events] : events },
  };
}
