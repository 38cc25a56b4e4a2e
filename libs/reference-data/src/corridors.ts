import type { LegSummary } from '@lib/contracts';
import { corridors, crossings, type CorridorData, type CrossingData } from './corridors.data';
import { uncodedPlaces } from './places.data';
import { dwellAt, NO_DWELL, slowdownAt, slowed, type Span } from './schedule';

export type { Span } from './schedule';
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
  /** Where carriers report on the way, in the order of this direction. */
  via: { locode?: string; name: string }[];
  /** Runs under a TIR carnet (road legs of a TIR run; the operation spans consecutive TIR legs). */
  tir: boolean;
  /**
   * The countries the cargo leaves and enters at this leg's crossing (with `crossing` only); the
   * same country twice for customs at the origin that sends the cargo on overland (export, TIR start).
   */
  crossingFrom?: string;
  crossingTo?: string;
  /** The seasonal slowdown stretching `travel` at the planned departure, if one does. */
  slowdown?: { id: string; reason: string };
}

/** Travel time by mode alone, for legs a shipper plans without a corridor (assumed, not from a source). */
const MODE_SPANS: Record<LegSummary['mode'], Span> = {
  ROAD: { typicalHours: 72, p90Hours: 120 },
  RAIL: { typicalHours: 96, p90Hours: 144 },
  SEA: { typicalHours: 120, p90Hours: 168 },
  AIR: { typicalHours: 6, p90Hours: 12 },
};

export function modeSpan(mode: LegSummary['mode']): Span {
  return MODE_SPANS[mode];
}

type Place = { locode?: string; name: string };

/**
 * The countries the cargo leaves and enters at a crossing at the start of a leg. It leaves the
 * country of the last place it was at before (the previous leg's last stop; at the origin, the
 * origin's own) when that is one of the crossing's two, else (a leg that stops nowhere between two
 * borders) the country the crossing's place lies in. It enters the country of the leg's first stop
 * after the crossing: the same country for customs at the origin that sends cargo on overland
 * (export or transit declared at Karachi for a truck to Torkham).
 */
function crossingDirection(
  crossing: CrossingData,
  before: Place | undefined,
  leg: { from: Place; to: Place; via: Place[] },
): [string, string] {
  const [a, b] = crossing.countries;
  const came = countryOf(before ?? leg.from);
  const leaving = came === a || came === b ? came : countryOf(leg.from) === b ? b : a;
  const entering = countryOf(leg.via[0] ?? leg.to) ?? (leaving === a ? b : a);
  return [leaving, entering];
}

/**
 * A corridor's legs in either direction, each with the crossing it starts at, its via stops, and,
 * from `departure` on, planned times. `departure` is when the cargo is handed over at the origin:
 * a first leg that starts at a crossing (export clearance at Karachi, a flight's cargo acceptance)
 * departs after that crossing's dwell. Each later leg departs at the previous leg's planned arrival
 * plus the typical dwell at its crossing; its travel is stretched by the seasonal slowdown in force
 * at its planned departure. Without `departure`, travel is as out of season.
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
          via: [...(leg.via ?? [])].reverse(),
          crossing: k === 0 ? corridor.destinationCrossing : corridor.legs[n - k].crossing,
        }));
  let at = departure?.getTime();
  let before: Place | undefined;
  return legs.map((leg, index) => {
    const via = leg.via ?? [];
    const crossing = leg.crossing ? findCrossing(leg.crossing) : undefined;
    const [crossingFrom, crossingTo] = crossing ? crossingDirection(crossing, before, { ...leg, via }) : [];
    const dwell = crossing ? dwellAt(crossing, crossingFrom, leg.mode) : NO_DWELL;
    const departs = at === undefined ? undefined : at + dwell.typicalHours * 3600_000;
    const slowdown = departs === undefined ? undefined : slowdownAt(leg, new Date(departs));
    const travel = slowed(leg.travel, slowdown);
    before = via[via.length - 1] ?? leg.from;
    const planned: PlannedLeg = {
      sequence: index + 1,
      mode: leg.mode,
      carrier: leg.carrier,
      from: leg.from,
      to: leg.to,
      hours: travel.typicalHours,
      travel,
      dwell,
      via,
      tir: leg.tir ?? false,
      ...(leg.crossing ? { crossing: leg.crossing } : {}),
      ...(crossingFrom ? { crossingFrom, crossingTo } : {}),
      ...(slowdown ? { slowdown: { id: slowdown.id, reason: slowdown.reason } } : {}),
    };
    if (departs !== undefined) {
      planned.plannedDeparture = new Date(departs).toISOString();
      at = Math.round(departs + travel.typicalHours * 3600_000);
      planned.plannedArrival = new Date(at).toISOString();
    }
    return planned;
  });
}

/**
 * The priors of one corridor leg departing at `departsAt`: the dwell at its crossing (by direction) and
 * its travel in the season of `departsAt` itself, wherever the leg sits in the trip (`legsFor` with a
 * departure decides each leg's season at its own planned departure, counted from the handover).
 */
export function legPriorsAt(
  corridorId: string,
  direction: Direction,
  sequence: number,
  departsAt: Date,
): { travel: Span; dwell: Span; slowdown?: { id: string; reason: string } } | undefined {
  const corridor = findCorridor(corridorId);
  const leg = corridor && legsFor(corridorId, direction)[sequence - 1];
  if (!leg) return undefined;
  const base = (direction === 'forward' ? corridor.legs : [...corridor.legs].reverse())[sequence - 1].travel;
  const slowdown = slowdownAt(leg, departsAt);
  return {
    travel: slowed(base, slowdown),
    dwell: leg.dwell,
    ...(slowdown ? { slowdown: { id: slowdown.id, reason: slowdown.reason } } : {}),
  };
}

/**
 * Typical hours from handover at the origin to arrival at the destination: every leg's travel and
 * the dwell at every crossing on the way. With `departure`, in the season the legs run in; without,
 * out of season.
 */
export function typicalDurationHours(corridorId: string, direction: Direction = 'forward', departure?: Date): number {
  if (!findCorridor(corridorId)) return 0;
  return legsFor(corridorId, direction, departure).reduce(
    (sum, leg) => sum + leg.dwell.typicalHours + leg.travel.typicalHours,
    0,
  );
}

/**
 * The country (ISO 3166 alpha-2) a place lies in: its UN/LOCODE's first two letters, else the
 * reference data's for a named facility. Undefined for a place the data does not know.
 */
export function countryOf(place: { locode?: string; name: string }): string | undefined {
  if (place.locode && /^[A-Z]{2}/.test(place.locode)) return place.locode.slice(0, 2);
  return uncodedPlaces[place.name.trim().toLowerCase()];
}
