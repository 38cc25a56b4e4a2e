import type { Span } from '@lib/reference-data';
import { Z90 } from './normal';

/**
 * What the model keeps per segment and season: count, mean and sum of squared deviations (M2) of the
 * log of observed hours over the reference's typical hours at the time (ln(observed / typical)) —
 * how far the real segment runs from the reference, so the reference's own seasons and slowdowns
 * still shape a prediction after learning. Welford's running form, mergeable (Chan et al.) so a batch
 * of observations and the stored row combine in one step, in memory or in SQL (eta.store.ts mirrors
 * `mergeStats` exactly).
 */
export interface LogStats {
  n: number;
  meanLog: number;
  m2Log: number;
}

/** A log-normal: ln(hours) ~ N(mu, sigma²). */
export interface LogNormal {
  mu: number;
  sigma: number;
}

export const EMPTY_STATS: LogStats = { n: 0, meanLog: 0, m2Log: 0 };

/**
 * Shorter than this counts as this: a carrier reporting departure the minute after arrival must not
 * put ln(0) into a crossing's dwell.
 */
export const MIN_HOURS = 0.05;

/** How many observations the reference prior is worth: real trips outweigh it after a handful. */
export const PRIOR_WEIGHT = 6;

/** No span is known to the minute: the narrowest spread the model will claim (±~7 % at p90). */
const MIN_SIGMA = 0.05;

export const logHours = (hours: number): number => Math.log(Math.max(hours, MIN_HOURS));

/**
 * The largest log ratio one observation may carry: ln 5, a fifth to five times the reference. The
 * segments table is shared by every tenant and remembers for ever, so one carrier's bad report (a
 * departure back-dated by weeks, a typo in a year) must not shift a segment for everybody; five times
 * the typical is already past any real queue or winter the reference data describes (a Salang p90 is
 * about 3 × its typical), so the clamp only bounds what a mistake can do and still reads a real
 * outlier as very slow.
 */
export const MAX_LOG_RATIO = Math.log(5);

/**
 * One observation's log ratio to the reference: ln(observed hours / the reference's typical hours),
 * clamped to ±MAX_LOG_RATIO. Undefined for anything not a finite number, which must not be learned.
 */
export function logRatio(hours: number, referenceHours: number): number | undefined {
  if (!Number.isFinite(hours) || !Number.isFinite(referenceHours)) return undefined;
  const ratio = logHours(hours) - logHours(referenceHours);
  return Math.min(MAX_LOG_RATIO, Math.max(-MAX_LOG_RATIO, ratio));
}

/** Welford's update: one more observation `x` (a log ratio). */
export function addObservation(stats: LogStats, x: number): LogStats {
  const n = stats.n + 1;
  const delta = x - stats.meanLog;
  const meanLog = stats.meanLog + delta / n;
  return { n, meanLog, m2Log: stats.m2Log + delta * (x - meanLog) };
}

/** Two sets of observations as one (Chan, Golub & LeVeque's pairwise combination). */
export function mergeStats(a: LogStats, b: LogStats): LogStats {
  if (b.n === 0) return a;
  if (a.n === 0) return b;
  const n = a.n + b.n;
  const delta = b.meanLog - a.meanLog;
  return {
    n,
    meanLog: a.meanLog + (delta * b.n) / n,
    m2Log: a.m2Log + b.m2Log + (delta * delta * a.n * b.n) / n,
  };
}

/** A reference span as a log-normal: typical is its median, p90 its 90th percentile. */
export function priorOf(span: Span): LogNormal {
  const mu = logHours(span.typicalHours);
  const sigma = Math.max((logHours(Math.max(span.p90Hours, span.typicalHours)) - mu) / Z90, MIN_SIGMA);
  return { mu, sigma };
}

/**
 * A segment's distribution: the reference span as the prior, blended with the log ratios observed.
 * The prior counts as PRIOR_WEIGHT pseudo-observations of ratio 1 (log 0) with the span's own spread,
 * pooled with the observations as two samples are; the predictive spread adds the uncertainty of the
 * mean itself (σ²·(1 + 1/n)).
 */
export function posterior(span: Span, observed: LogStats): LogNormal {
  const prior = priorOf(span);
  const k = PRIOR_WEIGHT;
  const pooled = mergeStats({ n: k, meanLog: 0, m2Log: prior.sigma * prior.sigma * k }, observed);
  const variance = pooled.m2Log / pooled.n;
  return { mu: prior.mu + pooled.meanLog, sigma: Math.max(Math.sqrt(variance * (1 + 1 / pooled.n)), MIN_SIGMA) };
}
