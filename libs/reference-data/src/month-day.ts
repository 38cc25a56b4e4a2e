import type { SeasonalRange } from './seasons.data';

const pad = (n: number) => String(n).padStart(2, '0');

/** `MM-DD` in UTC, read from the fields (not `toISOString()`, which writes years past 9999 as `+010000`). */
export function monthDay(date: Date): string {
  return `${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Midnight UTC of `MM-DD` in `year`, for any year `Date` holds (a date string would be Invalid Date past 9999). */
export function midnightUtc(year: number, mmdd: string): Date {
  const [month, day] = mmdd.split('-').map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

/** When a recurring range covering `at` ends (its `until`, in the right year); undefined if it does not cover `at`. */
export function rangeEndAt(range: SeasonalRange, at: Date): Date | undefined {
  const day = monthDay(at);
  const wraps = range.from > range.until;
  const inside = wraps ? day >= range.from || day < range.until : day >= range.from && day < range.until;
  if (!inside) return undefined;
  return midnightUtc(at.getUTCFullYear() + (wraps && day >= range.from ? 1 : 0), range.until);
}
