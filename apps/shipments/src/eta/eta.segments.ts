import type { LegSummary, Place } from '@lib/contracts';
import { countryOf, legsFor, listCorridors, modeSpan, type Direction, type Span } from '@lib/reference-data';

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
  /** The reference priors for this leg starting at `at` (the reference data knows the seasons). */
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
function dwellPrior(leg: LegSummary, at: Date): Span {
  const candidates = listCorridors().flatMap((c) =>
    (['forward', 'reverse'] as const).flatMap((d) => legsFor(c.id, d, at).filter((l) => l.crossing === leg.crossing)),
  );
  const same = candidates.find((l) => countryOf(l.to) === countryOf(leg.to)) ?? candidates[0];
  return same?.dwell ?? FALLBACK_DWELL;
}

/** A crossing the reference data does not know: its own default (libs/reference-data DEFAULT_DWELL). */
const FALLBACK_DWELL: Span = { typicalHours: 12, p90Hours: 36 };
const NO_DWELL: Span = { typicalHours: 0, p90Hours: 0 };

/**
 * The segments of a shipment's legs. On a corridor, travel is keyed by (corridor, direction, leg) and
 * the priors are the corridor's; a shipper's own legs learn by mode, from the mode's span.
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
        priors: (at) => {
          const planned = legsFor(corridor, direction, at)[index];
          return { travel: planned.travel, dwell: dwellKey ? planned.dwell : NO_DWELL };
        },
      };
    }
    return {
      sequence: leg.sequence,
      travelKey: `travel:mode:${leg.mode}`,
      dwellKey,
      priors: (at) => ({ travel: modeSpan(leg.mode), dwell: dwellKey ? dwellPrior(leg, at) : NO_DWELL }),
    };
  });
}
