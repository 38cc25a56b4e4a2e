import type { LegSummary, Place } from '@lib/contracts';
import {
  countryOf,
  legPriorsAt,
  legsFor,
  listCorridors,
  modeSpan,
  type Direction,
  type Span,
} from '@lib/reference-data';

/**
 * Season buckets: winter is December to March (UTC months), when the Khunjerab is shut, the Salang and
 * the Afghan roads are under snow and SCAT suspends flights (DOMAIN.md); the rest of the year is one
 * bucket. Two buckets, not twelve: a crossing sees too few trips a month to learn a month apart.
 */
export type Season = 'winter' | 'summer';
const WINTER_MONTHS = new Set([11, 0, 1, 2]); // Date#getUTCMonth: Dec, Jan, Feb, Mar

export const seasonOf = (at: Date | number): Season =>
  WINTER_MONTHS.has(new Date(at).getUTCMonth()) ? 'winter' : 'summer';

/** What the model learns on, per leg: its travel and the dwell at the crossing it starts at. */
export interface LegSegments {
  sequence: number;
  travelKey: string;
  /** Undefined without a crossing: the leg departs as soon as the previous one arrives. */
  dwellKey?: string;
  /**
   * Whether the legs match a corridor's: its priors are then the corridor's; otherwise they are the
   * shipper's own plan (or the mode's), and the overdue watch also respects the plan (follow-up.plan.ts).
   */
  onCorridor: boolean;
  /**
   * The reference priors for this leg's segments starting at `at`: the segment's own start (the dwell's
   * arrival at the crossing, the travel's departure), so the reference's seasons apply at that moment.
   */
  priors(at: Date): { travel: Span; dwell: Span };
}

const samePlace = (a: Place, b: Place) => (a.locode && b.locode ? a.locode === b.locode : a.name === b.name);

/**
 * The corridor direction the legs run, found by matching them against the reference's (the row keeps
 * the corridor, not its direction); undefined when the shipper's legs are not the corridor's.
 */
export function corridorDirection(corridor: string | null | undefined, legs: LegSummary[]): Direction | undefined {
  if (!corridor || !listCorridors().some((c) => c.id === corridor)) return undefined;
  return (['forward', 'reverse'] as const).find((direction) => {
    const reference = legsFor(corridor, direction);
    return (
      reference.length === legs.length &&
      reference.every((r, i) => samePlace(r.from, legs[i].from) && samePlace(r.to, legs[i].to))
    );
  });
}

/**
 * Dwell is a crossing's, whichever corridor brings the cargo: keyed by the crossing and the country
 * the cargo leaves it for, so Torkham towards Afghanistan and Torkham towards Karachi learn apart
 * while Torkham towards Karachi learns from both the Dubai and the Trans-Afghan runs.
 */
const dwellKeyOf = (leg: LegSummary) =>
  leg.crossing ? `dwell:${leg.crossing}>${countryOf(leg.to) ?? leg.to.name}` : undefined;

/** A crossing's dwell prior from any corridor leg leaving it the same way, else any leaving it at all. */
function dwellPrior(leg: LegSummary): Span {
  const candidates = listCorridors().flatMap((c) =>
    (['forward', 'reverse'] as const).flatMap((d) => legsFor(c.id, d).filter((l) => l.crossing === leg.crossing)),
  );
  const same = candidates.find((l) => countryOf(l.to) === countryOf(leg.to)) ?? candidates[0];
  return same?.dwell ?? FALLBACK_DWELL;
}

/** A crossing the reference data does not know: its own default (libs/reference-data DEFAULT_DWELL). */
const FALLBACK_DWELL: Span = { typicalHours: 12, p90Hours: 36 };
const NO_DWELL: Span = { typicalHours: 0, p90Hours: 0 };

const HOUR = 3600_000;

/**
 * A shipper's own leg's travel prior: its planned duration (planned arrival − planned departure) as the
 * typical, with the mode's p90/typical ratio as the spread — a road leg planned at 192 h is not judged
 * against the mode's 72 h, nor a 10 h one given 120 h. Without both planned times (or with a duration
 * that is not a positive number), the mode's own span.
 */
export function plannedTravel(leg: LegSummary): Span {
  const mode = modeSpan(leg.mode);
  const hours =
    leg.plannedDeparture && leg.plannedArrival
      ? (Date.parse(leg.plannedArrival) - Date.parse(leg.plannedDeparture)) / HOUR
      : NaN;
  if (!Number.isFinite(hours) || hours <= 0) return mode;
  return { typicalHours: hours, p90Hours: hours * (mode.p90Hours / mode.typicalHours) };
}

/**
 * The segments of a shipment's legs. On a corridor, travel is keyed by (corridor, direction, leg) and
 * the priors are that corridor leg's at the segment's own start (`legPriorsAt`: its season and slowdown
 * at that moment, not at the date a plan from another start would give it). A shipper's own legs
 * learn by mode, relative to each leg's planned duration (`plannedTravel`), so the mode's statistic
 * holds how far such legs run from their plans, not a mix of 5 h and 200 h legs.
 */
export function segmentsOf(corridor: string | null | undefined, legs: LegSummary[]): LegSegments[] {
  const direction = corridorDirection(corridor, legs);
  return legs.map((leg, index) => {
    const dwellKey = dwellKeyOf(leg);
    if (direction && corridor) {
      return {
        sequence: leg.sequence,
        travelKey: `travel:${corridor}:${direction}:${index + 1}`,
        dwellKey,
        onCorridor: true,
        priors: (at) => {
          // The legs matched the corridor's, so leg index + 1 exists there.
          const priors = legPriorsAt(corridor, direction, index + 1, at)!;
          return { travel: priors.travel, dwell: dwellKey ? priors.dwell : NO_DWELL };
        },
      };
    }
    const travel = plannedTravel(leg);
    const dwell = dwellKey ? dwellPrior(leg) : NO_DWELL;
    return {
      sequence: leg.sequence,
      travelKey: `travel:mode:${leg.mode}`,
      dwellKey,
      onCorridor: false,
      priors: () => ({ travel, dwell }),
    };
  });
}
