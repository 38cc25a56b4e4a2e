import type { LegState } from '../shipment/tracking-state';
import { normalCdf, normalQuantile } from './normal';
import { type LegSegments, type Season, seasonOf } from './eta.segments';
import { addObservation, EMPTY_STATS, type LogNormal, type LogStats, logRatio, posterior } from './eta.stats';

const HOUR = 3600_000;

/**
 * The stated interval: the 5th to the 95th percentile of the predicted arrival (90 % nominal). The
 * world has heavier tails than a log-normal (a border queue that doubles, a lost week), so the nominal
 * level sits above the 80 % the benchmark must show (bench/eta.mjs, README "Predicted ETA").
 */
export const INTERVAL = { lower: 0.05, upper: 0.95 } as const;

/** The observations a model row holds for a segment in a season (empty when none yet). */
export type StatsLookup = (key: string, season: Season) => LogStats;

export interface LegPrediction {
  sequence: number;
  /** Median predicted arrival at the leg's end. */
  arrival: string;
  /** The interval's upper bound for that arrival: past it, the leg is late. */
  latest: string;
}

export interface EtaPrediction {
  asOf: string;
  /** The leg that ends at the destination. */
  legSequence: number;
  /** Median predicted arrival at the destination. */
  arrival: string;
  earliest: string;
  latest: string;
  /** The legs not yet arrived, in order. */
  legs: LegPrediction[];
}

/** One random duration still ahead: a log-normal, conditioned on having lasted `elapsedHours` already. */
interface Draw {
  legIndex: number;
  distribution: LogNormal;
  elapsedHours: number;
}

const arrived = (leg: LegState) => !!leg.actualArrival || leg.status === 'ARRIVED';
const hoursBetween = (from: string | number, to: number) => (to - new Date(from).getTime()) / HOUR;

/**
 * A segment's distribution for a start at `at`: its reference prior blended with the season's
 * observations; undefined for a dwell the reference puts at zero and nothing has contradicted yet.
 */
function distributionOf(segment: LegSegments, kind: 'travel' | 'dwell', at: number, stats: StatsLookup) {
  const span = segment.priors(new Date(at))[kind];
  const observed = stats(kind === 'travel' ? segment.travelKey : segment.dwellKey!, seasonOf(at));
  if (kind === 'dwell' && span.typicalHours <= 0 && observed.n === 0) return undefined;
  return posterior(span, observed);
}

const medianHours = (d: LogNormal) => Math.exp(d.mu);

/**
 * The durations still ahead of a shipment at `now`, in order: the rest of the leg in progress (or of
 * the dwell at the crossing it waits at), then dwell and travel of every leg after it. Each segment's
 * season is that of its median start, so a trip running into December is predicted with winter's figures.
 */
function drawsAhead(legs: LegState[], segments: LegSegments[], stats: StatsLookup, now: number) {
  const furthest = legs.reduce((last, leg, i) => (leg.actualDeparture || arrived(leg) ? i : last), -1);
  const draws: Draw[] = [];
  let offsetHours = 0;
  let cursor = now;
  for (let i = Math.max(furthest, 0); i < legs.length; i++) {
    const leg = legs[i];
    const segment = segments[i];
    if (arrived(leg)) continue;
    if (leg.actualDeparture) {
      const at = Date.parse(leg.actualDeparture);
      const distribution = distributionOf(segment, 'travel', at, stats)!;
      draws.push({ legIndex: i, distribution, elapsedHours: hoursBetween(at, now) });
      cursor = Math.max(cursor, at + medianHours(distribution) * HOUR);
      continue;
    }
    if (i === 0 && !leg.atCrossingSince) {
      // Not yet at its first crossing: the plan's departure (its dwell included), if still ahead, is when it starts.
      const planned = leg.plannedDeparture ? Date.parse(leg.plannedDeparture) : now;
      offsetHours = Math.max(0, hoursBetween(now, planned));
      cursor = Math.max(cursor, planned);
    } else if (segment.dwellKey) {
      const since = leg.atCrossingSince ?? (i > 0 && arrived(legs[i - 1]) ? legs[i - 1].actualArrival : undefined);
      const start = since ? Date.parse(since) : cursor;
      const distribution = distributionOf(segment, 'dwell', start, stats);
      if (distribution) {
        draws.push({ legIndex: i, distribution, elapsedHours: since ? hoursBetween(since, now) : 0 });
        cursor = Math.max(cursor, start + medianHours(distribution) * HOUR);
      }
    }
    const distribution = distributionOf(segment, 'travel', cursor, stats)!;
    draws.push({ legIndex: i, distribution, elapsedHours: 0 });
    cursor += medianHours(distribution) * HOUR;
  }
  return { draws, offsetHours };
}

/**
 * A quantile of the time still ahead of a segment that has lasted t hours: the log-normal restricted
 * to X > t, less t. Worked on the upper tail (p = (1 − q)·S(t)) so a leg already far past its usual
 * length still gets a small, positive remainder instead of a rounding error.
 */
export function remainingQuantile(d: LogNormal, elapsedHours: number, q: number): number {
  if (elapsedHours <= 0) return Math.exp(d.mu + d.sigma * normalQuantile(q));
  const z = (Math.log(elapsedHours) - d.mu) / d.sigma;
  const survival = normalCdf(-z);
  // Beyond double precision in the tail: a log-normal's hazard there is about z / (σ t).
  if (survival < 1e-300) return (-Math.log(1 - q) * d.sigma * elapsedHours) / z;
  return Math.max(0, Math.exp(d.mu - d.sigma * normalQuantile((1 - q) * survival)) - elapsedHours);
}

/** The median time still ahead of a segment that has lasted t hours (the conditional median, less t). */
export const medianRemaining = (d: LogNormal, elapsedHours: number) => remainingQuantile(d, elapsedHours, 0.5);

/**
 * Mean and variance of the time still ahead of a segment that has lasted t hours, from the
 * log-normal's partial moments: E[Xᵏ | X > t] = exp(kμ + k²σ²/2)·Φ((μ + kσ² − ln t)/σ) / S(t).
 */
export function remainingMoments(d: LogNormal, elapsedHours: number): { mean: number; variance: number } {
  const { mu, sigma } = d;
  const s2 = sigma * sigma;
  if (elapsedHours <= 0) return { mean: Math.exp(mu + s2 / 2), variance: Math.expm1(s2) * Math.exp(2 * mu + s2) };
  const lnT = Math.log(elapsedHours);
  const survival = normalCdf((mu - lnT) / sigma);
  if (survival < 1e-280) {
    const mean = (sigma * elapsedHours) / ((lnT - mu) / sigma);
    return { mean, variance: mean * mean };
  }
  const m1 = (Math.exp(mu + s2 / 2) * normalCdf((mu + s2 - lnT) / sigma)) / survival;
  const m2 = (Math.exp(2 * mu + 2 * s2) * normalCdf((mu + 2 * s2 - lnT) / sigma)) / survival;
  return { mean: Math.max(m1 - elapsedHours, 1e-3), variance: Math.max(m2 - m1 * m1, 0) };
}

/**
 * The quantile q of a sum of independent segments, Fenton–Wilkinson: the log-normal with the sum's
 * mean and variance. A single segment is its own exact quantile.
 */
function sumQuantile(draws: Draw[], q: number): number {
  if (draws.length === 1) return remainingQuantile(draws[0].distribution, draws[0].elapsedHours, q);
  let mean = 0;
  let variance = 0;
  for (const d of draws) {
    const m = remainingMoments(d.distribution, d.elapsedHours);
    mean += m.mean;
    variance += m.variance;
  }
  const s2 = Math.log1p(variance / (mean * mean));
  return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * normalQuantile(q));
}

/**
 * The predicted arrival of each remaining leg and at the destination, with the interval: each leg's
 * arrival is now plus the sum of the segments up to its end (sumQuantile). Deterministic: the same
 * state and model give the same prediction. Undefined once every leg has arrived.
 */
export function predictArrival(
  legs: LegState[],
  segments: LegSegments[],
  stats: StatsLookup,
  now: Date,
): EtaPrediction | undefined {
  const at = now.getTime();
  const { draws, offsetHours } = drawsAhead(legs, segments, stats, at);
  if (draws.length === 0) return undefined;
  const iso = (hours: number) => new Date(at + (offsetHours + hours) * HOUR).toISOString();
  const upTo = (legIndex: number) => draws.filter((d) => d.legIndex <= legIndex);
  const remaining = [...new Set(draws.map((d) => d.legIndex))];
  const all = upTo(legs.length);
  return {
    asOf: now.toISOString(),
    legSequence: legs[legs.length - 1].sequence,
    arrival: iso(sumQuantile(all, 0.5)),
    earliest: iso(sumQuantile(all, INTERVAL.lower)),
    latest: iso(sumQuantile(all, INTERVAL.upper)),
    legs: remaining.map((index) => ({
      sequence: legs[index].sequence,
      arrival: iso(sumQuantile(upTo(index), 0.5)),
      latest: iso(sumQuantile(upTo(index), INTERVAL.upper)),
    })),
  };
}

/** A departed leg's predicted arrival, and whether the corridor's priors made it (follow-up.plan.ts `overdueAt`). */
export type LegWindow = LegPrediction & { onCorridor: boolean };

/**
 * A departed leg's arrival as predicted at its departure: the median and the interval's upper bound of
 * its travel from the actual departure, not conditioned on the time since (the overdue watch is set
 * from this, so a departure reported late is not given extra time).
 */
export function travelWindow(leg: LegState, segment: LegSegments, stats: StatsLookup): LegWindow | undefined {
  if (!leg.actualDeparture) return undefined;
  const start = Date.parse(leg.actualDeparture);
  const d = distributionOf(segment, 'travel', start, stats)!;
  const after = (hours: number) => new Date(start + hours * HOUR).toISOString();
  return {
    sequence: leg.sequence,
    onCorridor: segment.onCorridor,
    arrival: after(Math.exp(d.mu)),
    latest: after(Math.exp(d.mu + d.sigma * normalQuantile(INTERVAL.upper))),
  };
}

/** A completed duration the model learns from, with the reference's typical hours for it at the time. */
export interface Observation {
  key: string;
  season: Season;
  hours: number;
  referenceHours: number;
}

/** Only what can be stored is learned: a non-finite figure would be written as null (NOT NULL) and fail the post. */
const learnable = (o: Observation) => Number.isFinite(o.hours) && Number.isFinite(o.referenceHours);

/**
 * What an accepted event taught the model, from the legs before and after it: a leg's travel once its
 * arrival (or delivery) is first recorded, a crossing's dwell once the departure from it is — each
 * exactly once, since an actual time is only ever set once on a leg (carrier-event.rules.ts). Anything
 * not a finite number is skipped; `summarise` clamps each ratio (eta.stats.ts `logRatio`).
 */
export function observationsOf(before: LegState[], after: LegState[], segments: LegSegments[]): Observation[] {
  return collect(before, after, segments).filter(learnable);
}

function collect(before: LegState[], after: LegState[], segments: LegSegments[]): Observation[] {
  const learned: Observation[] = [];
  after.forEach((leg, i) => {
    const was = before[i];
    if (!was?.actualArrival && leg.actualArrival && leg.actualDeparture) {
      const start = Date.parse(leg.actualDeparture);
      const hours = hoursBetween(start, Date.parse(leg.actualArrival));
      const referenceHours = segments[i].priors(new Date(start)).travel.typicalHours;
      if (hours > 0) learned.push({ key: segments[i].travelKey, season: seasonOf(start), hours, referenceHours });
    }
    const dwellKey = segments[i].dwellKey;
    const since = leg.atCrossingSince ?? (i > 0 ? after[i - 1].actualArrival : undefined);
    if (!was?.actualDeparture && leg.actualDeparture && dwellKey && since) {
      const start = Date.parse(since);
      const hours = hoursBetween(start, Date.parse(leg.actualDeparture));
      const referenceHours = segments[i].priors(new Date(start)).dwell.typicalHours;
      if (hours >= 0) learned.push({ key: dwellKey, season: seasonOf(start), hours, referenceHours });
    }
  });
  return learned;
}

/**
 * Observations folded into per-(segment, season) statistics, ready to merge into the model: each as its
 * log ratio clamped to ±ln 5 (`logRatio`), none that is not a finite number.
 */
export function summarise(observations: Observation[]): Map<string, { key: string; season: Season; stats: LogStats }> {
  const out = new Map<string, { key: string; season: Season; stats: LogStats }>();
  for (const o of observations) {
    const id = `${o.key}|${o.season}`;
    const entry = out.get(id) ?? { key: o.key, season: o.season, stats: EMPTY_STATS };
    const ratio = logRatio(o.hours, o.referenceHours);
    if (ratio === undefined) continue;
    out.set(id, { ...entry, stats: addObservation(entry.stats, ratio) });
  }
  return out;
}

/** What was last published for a shipment (kept on its row, so a restart does not publish it again). */
export interface PublishedEta {
  arrival: string;
  earliest: string;
  latest: string;
  asOf: string;
}

/**
 * Whether a new prediction is worth telling the shipper (each one is a webhook and an email): its
 * arrival moved by more than 2 h and 5 % of the time still to go, or a bound of its interval by more
 * than 2 h and 25 % of it. Below that it is the model breathing — a reading every couple of hours
 * while the cargo waits at a border slides the median a little each time, and every finished leg
 * narrows the interval — which the paced demo showed as up to 47 messages for one trip at 2 % / 10 %.
 */
export function movedMaterially(previous: PublishedEta | null | undefined, next: EtaPrediction): boolean {
  if (!previous) return true;
  const toGo = Math.max(0, hoursBetween(next.asOf, Date.parse(next.arrival)));
  const shift = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / HOUR;
  return (
    shift(previous.arrival, next.arrival) > Math.max(2, 0.05 * toGo) ||
    shift(previous.earliest, next.earliest) > Math.max(2, 0.25 * toGo) ||
    shift(previous.latest, next.latest) > Math.max(2, 0.25 * toGo)
  );
}
