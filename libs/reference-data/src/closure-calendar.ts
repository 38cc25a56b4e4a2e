import { corridors } from './corridors.data';
import { findCrossing, legsFor, type Direction } from './corridors';
import { rangeEndAt } from './month-day';
import { suspensionAt } from './schedule';
import { seasonalClosures } from './seasons.data';

/**
 * An ad-hoc opening or extra closure of a crossing over the seasonal calendar, from `from` until
 * `until` (ISO dates or times, end exclusive; no `until`: until lifted). Set by operators at run
 * time (stored by the shipments service) or in configuration.
 */
export interface ClosureOverride {
  crossing: string;
  from: string;
  until?: string;
  open: boolean;
  reason?: string;
}

/** A closed crossing, or (with `corridor`) a corridor's service suspended for the season. */
interface Closure {
  crossing?: string;
  corridor?: string;
  reason: string;
  /** When it reopens; undefined for a closure in force until an operator lifts it. */
  reopensAt?: Date;
  /** The seasonal calendar, or an override (an operator's or the configuration's). */
  source: 'season' | 'override';
}

/** "khunjerab-tashkurgan is closed", "air-lahore-almaty is suspended". */
export function closedWhat(closure: Closure): string {
  return closure.corridor ? `${closure.corridor} is suspended` : `${closure.crossing} is closed`;
}

/** "until 2027-04-01", or "until further notice" for a closure without an end. */
export function closedUntil(closure: Closure): string {
  return closure.reopensAt ? `until ${closure.reopensAt.toISOString().slice(0, 10)}` : 'until further notice';
}

/** Whether an override covers `at` (its end is exclusive; without an end it runs until lifted). */
function covers(override: ClosureOverride, at: Date): boolean {
  return at >= new Date(override.from) && (override.until === undefined || at < new Date(override.until));
}

/** The first override in the list for `crossing` (id or name) that covers `at`. */
export function overrideAt<T extends ClosureOverride>(crossing: string, at: Date, overrides: T[]): T | undefined {
  const id = findCrossing(crossing)?.id ?? crossing;
  return overrides.find((o) => (findCrossing(o.crossing)?.id ?? o.crossing) === id && covers(o, at));
}

/** The seasonal closure that covers `at`, with the date it ends. Ranges may wrap the new year. */
function seasonalClosure(crossingId: string, at: Date): Closure | undefined {
  for (const rule of seasonalClosures.filter((r) => r.crossing === crossingId)) {
    const reopensAt = rangeEndAt(rule, at);
    if (reopensAt) return { crossing: crossingId, reason: rule.reason, reopensAt, source: 'season' };
  }
  return undefined;
}

/**
 * Why `crossing` is closed at `at`, or undefined if open: the first override in the list that
 * covers `at` decides (callers put operators' before configuration's), else the seasonal calendar.
 * The caller passes the time (its clock).
 */
export function closureAt(crossing: string, at: Date, overrides: ClosureOverride[] = []): Closure | undefined {
  const id = findCrossing(crossing)?.id ?? crossing;
  const override = overrideAt(id, at, overrides);
  if (override) {
    if (override.open) return undefined;
    return {
      crossing: id,
      reason: override.reason ?? 'closed',
      ...(override.until ? { reopensAt: new Date(override.until) } : {}),
      source: 'override',
    };
  }
  return seasonalClosure(id, at);
}

/** The seasonal closure of a crossing in force at `at`, ignoring overrides (what an opening overrides). */
export function seasonalClosureAt(crossing: string, at: Date): Closure | undefined {
  return seasonalClosure(findCrossing(crossing)?.id ?? crossing, at);
}

export function isClosed(crossing: string, at: Date, overrides: ClosureOverride[] = []): boolean {
  return closureAt(crossing, at, overrides) !== undefined;
}

/**
 * The first closure on a corridor when each leg departs as planned from `departure`: the corridor's
 * service suspended for the season at a leg's departure (SCAT's winter), or a closed crossing.
 */
export function closureOnRoute(
  corridorId: string,
  direction: Direction,
  departure: Date,
  overrides: ClosureOverride[] = [],
): Closure | undefined {
  for (const leg of legsFor(corridorId, direction, departure)) {
    const departs = new Date(leg.plannedDeparture!);
    const suspension = suspensionAt(corridorId, leg.mode, departs);
    if (suspension)
      return { corridor: corridorId, reason: suspension.reason, reopensAt: suspension.resumesAt, source: 'season' };
    if (!leg.crossing) continue;
    const closure = closureAt(leg.crossing, departs, overrides);
    if (closure) return closure;
  }
  return undefined;
}

/** Corridors joining the same two countries that are open all along at that time. */
export function openAlternatives(corridorId: string, departure: Date, overrides: ClosureOverride[] = []): string[] {
  const corridor = corridors.find((c) => c.id === corridorId);
  if (!corridor) return [];
  const ends = [...corridor.ends].sort().join('-');
  return corridors
    .filter((c) => c.id !== corridorId && [...c.ends].sort().join('-') === ends)
    .filter(
      (c) =>
        !closureOnRoute(c.id, 'forward', departure, overrides) &&
        !closureOnRoute(c.id, 'reverse', departure, overrides),
    )
    .map((c) => c.id);
}
