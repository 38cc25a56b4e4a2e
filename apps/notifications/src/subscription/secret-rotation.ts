import type { PreviousSecret } from './subscription.entity';

/** Rotated-out secrets that may sign at once: each adds a signature to every webhook's header. */
export const MAX_PREVIOUS_SECRETS = 10;

/** The rotated-out secrets that still sign at `now`, each until its own expiry. */
export function stillSigning(previous: PreviousSecret[], now: Date): PreviousSecret[] {
  return previous.filter((p) => Date.parse(p.until) > now.getTime());
}

export type Retirement = { previous: PreviousSecret[]; until: Date } | { full: true; nextExpiry: Date };

/**
 * Retires the current (sealed) secret for `graceMs`: it joins the previous secrets that still sign
 * (expired ones are dropped). When MAX_PREVIOUS_SECRETS still sign, the rotation must wait for the
 * first of them to expire: dropping one early would break its promise.
 */
export function retire(previous: PreviousSecret[], current: string, now: Date, graceMs: number): Retirement {
  const signing = stillSigning(previous, now);
  if (signing.length >= MAX_PREVIOUS_SECRETS)
    return { full: true, nextExpiry: new Date(Math.min(...signing.map((p) => Date.parse(p.until)))) };
  const until = new Date(now.getTime() + graceMs);
  return { previous: [...signing, { secret: current, until: until.toISOString() }], until };
}
