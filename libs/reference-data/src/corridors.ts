import type { LegSummary } from '@lib/contracts';
import { corridors, crossings, type CorridorData, type CrossingData } from './corridors.data';

export type Direction = 'forward' | 'reverse';

export function listCorridors(): CorridorData[] {
  return corridors;
}

export function findCorridor(id: string): CorridorData | undefined {
  return corridors.find((c) => c.id === id);
}

export function findCrossing(idOrName: string): CrossingData | undefined {
  const key = idOrName.trim().toLowerCase();
  return crossings.find((c) => c.id === key || c.name.toLowerCase() === key);
}

/** A prior for a time span: its typical (median) length and the length nine in ten stay within. */
export interface Span {
  typicalHours: number;
  p90Hours: number;
}

/**
 * A corridor's leg as planned, with the priors planning and prediction start from: the leg's
 * travel time and the dwell at its crossing before it departs (both as they stand in the season
 * of its planned times).
 */
export interface PlannedLeg extends LegSummary {
  /** Typical travel hours (= `travel.typicalHours`). */
  hours: number;
  travel: Span;
  /** Time at the crossing this leg starts at, from arrival there to departure; zero without a crossing. */
  dwell: Span;
}

/** Travel time by mode alone, for legs a shipper plans without a corridor. */
const MODE_SPANS: Record<LegSummary['mode'], Span> = {
  ROAD: { typicalHours: 72, p90Hours: 120 },
  RAIL: { typicalHours: 96, p90Hours: 144 },
  SEA: { typicalHours: 120, p90Hours: 168 },
  AIR: { typicalHours: 6, p90Hours: 12 },
};

export function modeSpan(mode: LegSummary['mode']): Span {
  return MODE_SPANS[mode];
}

const NO_DWELL: Span = { typicalHours: 0, p90Hours: 0 };
const DEFAULT_DWELL: Span = { typicalHours: 12, p90Hours: 36 };

/**
 * A corridor's legs in either direction, each with the crossing it starts at and planned times
 * from `departure` on (typical durations, back to back).
 */
export function legsFor(corridorId: string, direction: Direction = 'forward', departure?: Date): PlannedLeg[] {
  const corridor = findCorridor(corridorId);
  if (!corridor) throw new Error(`unknown corridor ${corridorId}`);
  // Reversed, a leg starts where the forward leg ended: at the next forward leg's customs point, or
  // at the corridor's destination customs for the first one.
  const n = corridor.legs.length;
  const legs =
    direction === 'forward'
      ? corridor.legs
      : [...corridor.legs].reverse().map((leg, k) => ({
          ...leg,
          from: leg.to,
          to: leg.from,
          crossing: k === 0 ? corridor.destinationCrossing : corridor.legs[n - k].crossing,
        }));
  let at = departure?.getTime();
  return legs.map((leg, index) => {
    const crossing = leg.crossing;
    const planned: PlannedLeg = {
      sequence: index + 1,
      mode: leg.mode,
      carrier: leg.carrier,
      from: leg.from,
      to: leg.to,
      hours: leg.hours,
      travel: { typicalHours: leg.hours, p90Hours: leg.hours * 1.5 },
      dwell: crossing ? DEFAULT_DWELL : NO_DWELL,
      ...(crossing ? { crossing } : {}),
    };
    if (at !== undefined) {
      planned.plannedDeparture = new Date(at).toISOString();
      at += leg.hours * 3600_000;
      planned.plannedArrival = new Date(at).toISOString();
    }
    return planned;
  });
}

export function typicalDurationHours(corridorId: string): number {
  return findCorridor(corridorId)?.legs.reduce((sum, leg) => sum + leg.hours, 0) ?? 0;
}

/** Places on the corridors without a UN/LOCODE, and the country each lies in. */
const UNCODED_PLACES: Record<string, string> = {
  gishtkuprik: 'UZ',
  'sost dry port': 'PK',
  serhetabat: 'TM',
  sarakhs: 'IR',
};

/**
 * The country (ISO 3166 alpha-2) a place lies in: its UN/LOCODE's first two letters, else the
 * reference data's for a named facility. Undefined for a place the data does not know.
 */
export function countryOf(place: { locode?: string; name: string }): string | undefined {
  if (place.locode && /^[A-Z]{2}/.test(place.locode)) return place.locode.slice(0, 2);
  return UNCODED_PLACES[place.name.trim().toLowerCase()];
}
