import { corridors, seasonalClosures } from './corridors.data';
import { findCrossing, legsFor, type Direction } from './corridors';

/** An ad-hoc opening or extra closure of a crossing, by date range (ISO dates, end exclusive). */
export interface ClosureOverride {
  crossing: string;
  from: string;
  until: string;
  open: boolean;
  reason?: string;
}

export interface Closure {
  crossing: string;
  reason: string;
  reopensAt: Date;
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
    return { crossing: crossingId, reason: rule.reason, reopensAt: midnightUtc(year, rule.until) };
  }
  return undefined;
}

/** Why `crossing` is closed at `at` (overrides first, then the seasonal calendar), or undefined if open. The caller passes the time (its clock). */
export function closureAt(crossing: string, at: Date, overrides: ClosureOverride[] = []): Closure | undefined {
  const id = findCrossing(crossing)?.id ?? crossing;
  const override = overrides.find((o) => (findCrossing(o.crossing)?.id ?? o.crossing) === id && at >= new Date(o.from) && at < new Date(o.until));
  if (override) return override.open ? undefined : { crossing: id, reason: override.reason ?? 'closed', reopensAt: new Date(override.until) };
  return seasonalClosure(id, at);
}

export function isClosed(crossing: string, at: Date, overrides: ClosureOverride[] = []): boolean {
  return closureAt(crossing, at, overrides) !== undefined;
}

/** The first closed crossing on a corridor when each leg departs as planned from `departure`. */
export function closureOnRoute(corridorId: string, direction: Direction, departure: Date, overrides: ClosureOverride[] = []): Closure | undefined {
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
    .filter((c) => !closureOnRoute(c.id, 'forward', departure, overrides) && !closureOnRoute(c.id, 'reverse', departure, overrides))
    .map((c) => c.id);
}
