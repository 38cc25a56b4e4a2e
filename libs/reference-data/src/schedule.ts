import type { TransportMode } from '@lib/contracts';
import type { CrossingData } from './corridors.data';
import { rangeEndAt } from './month-day';
import {
  seasonalClosures,
  seasonalSlowdowns,
  seasonalSuspensions,
  type SeasonalClosure,
  type SeasonalSlowdown,
  type SeasonalSuspension,
} from './seasons.data';

/** A prior for a time span: its typical (median) length and the length nine in ten stay within. */
export interface Span {
  typicalHours: number;
  p90Hours: number;
}

export const NO_DWELL: Span = { typicalHours: 0, p90Hours: 0 };
/** For a crossing without a figure for the direction it is crossed in (assumed: half a day, p90 a day and a half). */
const UNKNOWN_DWELL: Span = { typicalHours: 12, p90Hours: 36 };

/**
 * Dwell at a crossing for cargo leaving `leaving` (a country code) on a leg of `mode`: the
 * crossing's `<country>/<MODE>` figure, else its `<country>` one.
 */
export function dwellAt(crossing: CrossingData, leaving: string | undefined, mode: TransportMode): Span {
  if (!leaving) return UNKNOWN_DWELL;
  return crossing.dwell[`${leaving}/${mode}`] ?? crossing.dwell[leaving] ?? UNKNOWN_DWELL;
}

/**
 * The slowdown in force for a leg departing at `at`: of those whose season covers `at`, whose modes
 * include the leg's and whose places the leg stops at, the one with the largest typical factor (two
 * winters on one road do not multiply).
 */
export function slowdownAt(
  leg: { mode: TransportMode; via?: { name: string }[] },
  at: Date,
): SeasonalSlowdown | undefined {
  const stops = new Set((leg.via ?? []).map((v) => v.name.toLowerCase()));
  return seasonalSlowdowns
    .filter((s) => s.modes.includes(leg.mode) && s.via.every((name) => stops.has(name.toLowerCase())))
    .filter((s) => rangeEndAt(s, at) !== undefined)
    .sort((a, b) => b.factor.typical - a.factor.typical)[0];
}

/** A span stretched by a slowdown (unchanged without one). */
export function slowed(travel: Span, slowdown: SeasonalSlowdown | undefined): Span {
  if (!slowdown) return travel;
  return {
    typicalHours: travel.typicalHours * slowdown.factor.typical,
    p90Hours: travel.p90Hours * slowdown.factor.p90,
  };
}

/** Whether `at` falls in a recurring `MM-DD` range (end exclusive, may wrap the new year): a commodity's season too. */
export function inSeason(range: { from: string; until: string }, at: Date): boolean {
  return rangeEndAt(range, at) !== undefined;
}

/** The seasonal suspension of a corridor's legs of `mode` at `at`, with the date it ends. */
export function suspensionAt(
  corridorId: string,
  mode: TransportMode,
  at: Date,
): (SeasonalSuspension & { resumesAt: Date }) | undefined {
  for (const rule of seasonalSuspensions.filter((s) => s.corridor === corridorId && s.mode === mode)) {
    const resumesAt = rangeEndAt(rule, at);
    if (resumesAt) return { ...rule, resumesAt };
  }
  return undefined;
}

/** What the seasonal calendar has in force at `at`: closed crossings, suspended services, slowdowns. */
export function seasonAt(at: Date): {
  closures: SeasonalClosure[];
  suspensions: SeasonalSuspension[];
  slowdowns: SeasonalSlowdown[];
} {
  const covers = (range: { from: string; until: string }) => rangeEndAt(range, at) !== undefined;
  return {
    closures: seasonalClosures.filter(covers),
    suspensions: seasonalSuspensions.filter(covers),
    slowdowns: seasonalSlowdowns.filter(covers),
  };
}
