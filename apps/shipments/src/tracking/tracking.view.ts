import type { Place } from '@lib/contracts';
import { timeZoneOf } from '@lib/reference-data';
import type { PublishedEta } from '../eta/eta.predictor';
import type { LegState, ShipmentStatus } from '../shipment/tracking-state';

/** What the public page may know about a shipment: read from its row, never the shipper's other data. */
export interface TrackedRow {
  trackingNumber: string;
  status: ShipmentStatus;
  consignee: string | null;
  commodity: string;
  packages: number;
  weightKg: number;
  legs: LegState[];
  position: { place: Place; at: string } | null;
  etaPrediction: PublishedEta | null;
}

export interface TimelineRow {
  leg: number;
  kind: string;
  classifier: string;
  occurredAt: string;
  location: unknown;
}

export type CustomsState = 'CLEARED' | 'HELD' | 'REJECTED' | 'AWAITING' | 'PASSED' | 'PENDING';

/** A place on the route schematic: where a leg starts or ends, with the crossing there if any. */
export interface Stop {
  place: Place;
  zone: string;
  crossing?: { name: string; customs: CustomsState };
  /** The cargo is standing here now. */
  here: boolean;
}

export interface LegView {
  sequence: number;
  mode: LegState['mode'];
  carrier: string;
  status: NonNullable<LegState['status']>;
  /** The cargo is moving on this leg now. */
  here: boolean;
}

export interface EtaView {
  kind: 'predicted' | 'planned' | 'delivered';
  at: string;
  interval?: { earliest: string; latest: string };
  zone: string;
}

export interface TimelineEntryView {
  kind: string;
  expected: boolean;
  at: string;
  place: Place;
  zone: string;
}

export interface TrackingView {
  trackingNumber: string;
  status: ShipmentStatus;
  commodity: string;
  packages: number;
  weightKg: number;
  stops: Stop[];
  legs: LegView[];
  eta: EtaView | null;
  lastSeen: { place: Place; at: string; zone: string } | null;
  timeline: TimelineEntryView[];
  /** Only what the shipper chose to share. */
  consignee?: string | null;
  documents?: { reference: string; sequence: number }[];
}

/** Customs at the crossing a leg starts from, as far as shipments knows it. */
export function customsStateOf(leg: LegState): CustomsState {
  if (leg.clearance) return leg.clearance;
  if (leg.movedOn || leg.status === 'DEPARTED' || leg.status === 'ARRIVED') return 'PASSED';
  if (leg.atCrossingSince) return 'AWAITING';
  return 'PENDING';
}

/**
 * Where the cargo is: moving on the last leg that departed and has not arrived, else standing at the
 * end of the last leg that arrived (the destination once delivered), else at the origin.
 */
function whereNow(legs: LegState[], status: ShipmentStatus): { leg?: number; stop: number } {
  if (status === 'DELIVERED') return { stop: legs.length };
  for (let i = legs.length - 1; i >= 0; i--) {
    if (legs[i].status === 'DEPARTED') return { leg: legs[i].sequence, stop: -1 };
    if (legs[i].status === 'ARRIVED') return { stop: i + 1 };
  }
  return { stop: 0 };
}

const isPlace = (value: unknown): value is Place =>
  typeof value === 'object' && value !== null && typeof (value as Place).name === 'string';

/** Where an event happened: its reported location, else the end of its leg it refers to. */
function placeOf(entry: TimelineRow, legs: LegState[]): Place {
  if (isPlace(entry.location)) return entry.location;
  const leg = legs.find((l) => l.sequence === entry.leg) ?? legs[0];
  return ['arrival', 'delivery', 'discharge', 'gate_in'].includes(entry.kind) ? leg.to : leg.from;
}

function etaOf(row: TrackedRow): EtaView | null {
  const last = row.legs[row.legs.length - 1];
  if (!last) return null;
  const zone = timeZoneOf(last.to);
  if (row.status === 'DELIVERED' && last.actualArrival) return { kind: 'delivered', at: last.actualArrival, zone };
  if (row.status === 'CANCELLED') return null;
  if (row.etaPrediction) {
    const { arrival, earliest, latest } = row.etaPrediction;
    return { kind: 'predicted', at: arrival, interval: { earliest, latest }, zone };
  }
  const at = last.eta ?? last.plannedArrival;
  return at ? { kind: 'planned', at, zone } : null;
}

export function trackingView(
  row: TrackedRow,
  events: TimelineRow[],
  show: { consignee: boolean; documents: boolean },
): TrackingView {
  const now = whereNow(row.legs, row.status);
  const stops: Stop[] = [
    ...row.legs.map((leg, index) => ({
      place: leg.from,
      zone: timeZoneOf(leg.from),
      crossing: leg.crossing ? { name: leg.crossing, customs: customsStateOf(leg) } : undefined,
      here: now.stop === index,
    })),
  ];
  const last = row.legs[row.legs.length - 1];
  if (last) stops.push({ place: last.to, zone: timeZoneOf(last.to), here: now.stop === row.legs.length });
  return {
    trackingNumber: row.trackingNumber,
    status: row.status,
    commodity: row.commodity,
    packages: row.packages,
    weightKg: row.weightKg,
    stops,
    legs: row.legs.map((leg) => ({
      sequence: leg.sequence,
      mode: leg.mode,
      carrier: leg.carrier,
      status: leg.status ?? 'PLANNED',
      here: now.leg === leg.sequence,
    })),
    eta: etaOf(row),
    lastSeen: row.position
      ? { place: row.position.place, at: row.position.at, zone: timeZoneOf(row.position.place) }
      : null,
    timeline: events.map((entry) => {
      const place = placeOf(entry, row.legs);
      return {
        kind: entry.kind,
        expected: entry.classifier !== 'ACT',
        at: entry.occurredAt,
        place,
        zone: timeZoneOf(place),
      };
    }),
    ...(show.consignee ? { consignee: row.consignee } : {}),
    ...(show.documents
      ? {
          documents: row.legs.flatMap((leg) =>
            leg.tirReference ? [{ reference: leg.tirReference, sequence: leg.sequence }] : [],
          ),
        }
      : {}),
  };
}
