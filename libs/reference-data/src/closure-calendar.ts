import { corridors, seasonalClosures } from './corridors.data';
import { findCrossing, legsFor, type Direction } from './corridors';

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

interface Closure {
  crossing: string;
  reason: string;
  /** When it reopens; undefined for a closure in force until an operator lifts it. */
  reopensAt?: Date;
  /** The seasonal calendar, or an override (an operator's or the configuration's). */
  source: 'season' | 'override';
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

const pad = (n: number) => String(n).padStart(2, '0');

/** `MM-DD` in UTC, read from the fields (not `toISOString()`, which writes years past 9999 as `+010000`). */
function monthDay(date: Date): string {
  return `${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Midnight UTC of `MM-DD` in `year`, for any year `Date` holds (a date string would be Invalid Date past 9999). */
function midnightUtc(year: number, mmdd: string): Date {
  const [month, day] = mmdd.split('-').map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

/** The seasonal closure that covers `at`, with the date it ends. Ranges may wrap the new year. */
function seasonalClosure(crossingId: string, at: Date): Closure | undefined {
  const day = monthDay(at);
  for (const rule of seasonalClosures.filter((r) => r.crossing === crossingId)) {
    const wraps = rule.from > rule.until;
    const inside = wraps ? day >= rule.from || day < rule.until : day >= rule.from && day < rule.until;
    if (!inside) continue;
    const year = at.getUTCFullYear() + (wraps && day >= rule.from ? 1 : 0);
    return { crossing: crossingId, reason: rule.reason, reopensAt: midnightUtc(year, rule.until), source: 'season' };
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

/** The first closed crossing on a corridor when each leg departs as planned from `departure`. */
export function closureOnRoute(
  corridorId: string,
  direction: Direction,
  departure: Date,
  overrides: ClosureOverride[] = [],
): Closure | undefined {
  for (const leg of legsFor(corridorId, direction, departure)) {
    if (!leg.crossing) continue;
    const closure = closureAt(leg.crossing, new Date(leg.plannedDeparture!), overrides);
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
