/**
 * The Standard Webhooks retry schedule: the delay before each attempt, the first immediate. Delays
 * are simulated time (the caller converts with the shared clock); later ones get ±10 % jitter so a
 * receiver that comes back is not hit by every waiting delivery in the same second.
 */
export const DEFAULT_RETRY_SCHEDULE = '0s,5s,5m,30m,2h,5h,10h,14h,20h,24h';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseRetrySchedule(text: string): number[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new Error('needs at least one delay, e.g. 0s,5s,5m');
  return items.map((item) => {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(item);
    if (!match) throw new Error(`"${item}" is not a delay like 0s, 5s, 5m, 2h or 1d`);
    return Math.round(Number(match[1]) * UNITS[match[2]]);
  });
}

/** Delay before attempt `attempt` (1-based), or undefined when the schedule is exhausted. */
export function delayBeforeAttempt(
  schedule: number[],
  attempt: number,
  random: () => number = Math.random,
): number | undefined {
  const base = schedule[attempt - 1];
  if (base === undefined) return undefined;
  if (attempt === 1) return base;
  return Math.round(base * (0.9 + 0.2 * random()));
}
