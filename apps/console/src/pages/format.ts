/** Figures as the console prints them; `—` for unknown. */
export const UNKNOWN = '—';

export function perSecond(value: number | null | undefined): string {
  if (value === null || value === undefined) return UNKNOWN;
  if (value === 0) return '0/s';
  if (value < 10) return `${value.toFixed(1)}/s`;
  return `${Math.round(value).toLocaleString('en-GB')}/s`;
}

export function count(value: number | null | undefined): string {
  return value === null || value === undefined ? UNKNOWN : value.toLocaleString('en-GB');
}

/** A duration in the two largest units: `850 ms`, `42 s`, `3 min 5 s`, `2 h 10 min`, `3 d 4 h`. */
export function duration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(abs)} ms`;
  const s = Math.floor(abs / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** When a job is due relative to now: `in 5 min`, `overdue by 12 s`, `—` when none. */
export function dueIn(at: number | null, now: number): string {
  if (at === null) return UNKNOWN;
  return at >= now ? `in ${duration(at - now)}` : `overdue by ${duration(now - at)}`;
}

export function clockTime(at: number): string {
  return new Date(at).toISOString().slice(11, 19) + ' UTC';
}
