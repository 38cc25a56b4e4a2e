#!/usr/bin/env node
// npm run bench:eta — how good the predicted ETA is (issue 16): replays simulated trips on all six
// corridors, both directions, through the compiled predictor (dist/, after `nest build`) and prints the
// mean absolute error of the predicted arrival and how often the stated interval held, at 25 %, 50 % and
// 75 % of each trip, against the naive plan (the reference plan's arrival, never revised).
//
// The "true" world is not the reference data: each leg and each crossing has its own factor (some
// crossings much slower than the reference says), winter slows roads, border queues have heavy tails
// (a Pareto-sized extra wait on some crossings) and a few legs are outliers (a breakdown, a lost
// convoy). The model learns it from N training trips — through the same pure functions the Postgres
// store applies (observationsOf → summarise → mergeStats) — and is then measured on M later trips.
// Everything is seeded: the same command prints the same table.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repo } from './lib/common.mjs';
import { describeMachine, machineInfo, revision } from './lib/machine.mjs';
import { markdownTable } from './lib/table.mjs';

const require = createRequire(import.meta.url);
const dist = (path) => {
  try {
    return require(join(repo, 'dist', path));
  } catch (error) {
    throw new Error(`bench:eta runs the built code: run \`nest build\` first (${error.message})`, { cause: error });
  }
};
const { predictArrival, observationsOf, summarise, INTERVAL } = dist('apps/shipments/src/eta/eta.predictor.js');
const { segmentsOf } = dist('apps/shipments/src/eta/eta.segments.js');
const { mergeStats, EMPTY_STATS } = dist('apps/shipments/src/eta/eta.stats.js');
const { normalQuantile, seededUniform } = dist('apps/shipments/src/eta/normal.js');
const { legsFor, listCorridors, closureOnRoute } = dist('libs/reference-data/src/index.js');

const { values: args } = parseArgs({
  options: {
    train: { type: 'string', default: '120' }, // trips per corridor and direction
    test: { type: 'string', default: '60' },
    seed: { type: 'string', default: '16' },
    spread: { type: 'string', default: 'world' },
  },
});
const REFERENCE_SPREAD = args.spread === 'reference';
const TRAIN = Number(args.train);
const TEST = Number(args.test);
const uniform = seededUniform(Number(args.seed));
const normal = () => normalQuantile(uniform());
const HOUR = 3600_000;
const CHECKPOINTS = [0.25, 0.5, 0.75];

// The true world, as data. Each factor multiplies the reference's typical (median) figure.
const WORLD = {
  /** Per leg travel: the reference is off by this much, drawn once per corridor leg. */
  travelFactor: [0.9, 1.4],
  /** Per crossing and direction: some crossings are far slower than the reference says. */
  dwellFactor: [0.8, 2.6],
  /**
   * Spread (σ of ln hours) of one leg's travel and one crossing's dwell, trip to trip, in a season: a
   * road leg's p90 about 1.3 × its median, a crossing's about 1.8 ×. The reference's p90s are wider
   * (3 × at most crossings): they pool every season and condition, and are a prior, not this spread.
   * `--spread reference` runs the harsher world where each segment varies as widely as the reference says.
   */
  travelSigma: { ROAD: 0.15, RAIL: 0.12, SEA: 0.12, AIR: 0.2 },
  dwellSigma: 0.35,
  /** Winter (Dec–Mar) on top of whatever the reference already says about the season. */
  winter: { ROAD: 1.3, RAIL: 1.1, SEA: 1.05, AIR: 1 },
  /** Border queues: on this share of crossings a Pareto(α) extra, in multiples of the dwell, capped. */
  queue: { share: 0.1, alpha: 2.5, cap: 5 },
  /** Outliers: this share of legs takes 2–4 times as long. */
  outlier: { share: 0.02, from: 2, to: 4 },
};

const between = ([low, high]) => low + (high - low) * uniform();
const sigmaOf = (span) =>
  Math.max(Math.log(Math.max(span.p90Hours, span.typicalHours) / span.typicalHours) / 1.2816, 0.05);
const lognormal = (median, sigma) => median * Math.exp(sigma * normal());
const isWinter = (ms) => [11, 0, 1, 2].includes(new Date(ms).getUTCMonth());

const routes = listCorridors().flatMap((c) =>
  ['forward', 'reverse'].map((direction) => ({ corridor: c.id, direction })),
);
const factors = new Map();
const factor = (key, range) => {
  if (!factors.has(key)) factors.set(key, between(range));
  return factors.get(key);
};

/** One trip as the world runs it, from booking (cargo at its first crossing) at `start`. */
function runTrip({ corridor, direction }, start) {
  const plan = legsFor(corridor, direction, new Date(start));
  let at = start;
  return plan.map((leg, i) => {
    let dwell = 0;
    if (leg.crossing && leg.dwell.typicalHours > 0) {
      const median = leg.dwell.typicalHours * factor(`dwell:${leg.crossing}:${leg.to.name}`, WORLD.dwellFactor);
      const sigma = REFERENCE_SPREAD ? sigmaOf(leg.dwell) : WORLD.dwellSigma;
      dwell = lognormal(median * (isWinter(at) ? 1.2 : 1), sigma);
      if (uniform() < WORLD.queue.share) dwell *= Math.min(WORLD.queue.cap, uniform() ** (-1 / WORLD.queue.alpha));
    }
    const departure = at + dwell * HOUR;
    const median =
      leg.travel.typicalHours *
      factor(`travel:${corridor}:${direction}:${i}`, WORLD.travelFactor) *
      (isWinter(departure) ? WORLD.winter[leg.mode] : 1);
    let travel = lognormal(median, REFERENCE_SPREAD ? sigmaOf(leg.travel) : WORLD.travelSigma[leg.mode]);
    if (uniform() < WORLD.outlier.share) travel *= between([WORLD.outlier.from, WORLD.outlier.to]);
    at = departure + travel * HOUR;
    return { departure, arrival: at };
  });
}

/** Departures spread over the years, skipping those the calendar closes (Khunjerab and SCAT in winter). */
function departures(route, count, from, to) {
  const out = [];
  while (out.length < count) {
    const start = from + uniform() * (to - from);
    if (!closureOnRoute(route.corridor, route.direction, new Date(start))) out.push(start);
  }
  return out.sort((a, b) => a - b);
}

/** The legs as the shipment row holds them at `now`: the booked plan plus what carriers reported by then. */
function legsAt(route, start, trip, now) {
  const iso = (ms) => new Date(ms).toISOString();
  return legsFor(route.corridor, route.direction, new Date(start)).map(
    // The shipment row keeps the plan, not the priors the reference plans with.
    // eslint-disable-next-line no-unused-vars
    ({ hours, travel, dwell, ...leg }, i) => {
      const state = { ...leg, status: 'PLANNED' };
      if (i === 0) state.atCrossingSince = iso(start);
      if (trip[i].departure <= now)
        Object.assign(state, { status: 'DEPARTED', actualDeparture: iso(trip[i].departure) });
      if (trip[i].arrival <= now) Object.assign(state, { status: 'ARRIVED', actualArrival: iso(trip[i].arrival) });
      return state;
    },
  );
}

// Train: every trip's events in time order teach the model, as accepted carrier events would.
const model = new Map();
const lookup = (key, season) => model.get(`${key}|${season}`) ?? EMPTY_STATS;
const learn = (route, start, trip) => {
  const segments = segmentsOf(route.corridor, legsAt(route, start, trip, start));
  const moments = trip.flatMap((t) => [t.departure, t.arrival]);
  let before = legsAt(route, start, trip, start);
  for (const moment of moments) {
    const after = legsAt(route, start, trip, moment);
    for (const [id, learned] of summarise(observationsOf(before, after, segments)))
      model.set(id, mergeStats(model.get(id) ?? EMPTY_STATS, learned.stats));
    before = after;
  }
};

const TRAIN_FROM = Date.parse('2024-01-01T00:00:00Z');
const TEST_FROM = Date.parse('2026-01-01T00:00:00Z');
const TEST_TO = Date.parse('2027-01-01T00:00:00Z');
const started = performance.now();
let trained = 0;
for (const route of routes)
  for (const start of departures(route, TRAIN, TRAIN_FROM, TEST_FROM)) {
    learn(route, start, runTrip(route, start));
    trained++;
  }

// Test: held-out later trips, predicted at each checkpoint with the trained model; the model does not
// learn from them (it would, in production — this is the harder measure).
const results = CHECKPOINTS.map(() => []);
const byCorridor = new Map();
let predictions = 0;
let predictMs = 0;
for (const route of routes)
  for (const start of departures(route, TEST, TEST_FROM, TEST_TO)) {
    const trip = runTrip(route, start);
    const arrival = trip[trip.length - 1].arrival;
    const tripHours = (arrival - start) / HOUR;
    const plan = legsFor(route.corridor, route.direction, new Date(start));
    const naive = Date.parse(plan[plan.length - 1].plannedArrival);
    const segments = segmentsOf(route.corridor, plan);
    CHECKPOINTS.forEach((fraction, k) => {
      const now = start + fraction * (arrival - start);
      const t0 = performance.now();
      const p = predictArrival(legsAt(route, start, trip, now), segments, lookup, new Date(now));
      predictMs += performance.now() - t0;
      predictions++;
      const row = {
        error: Math.abs(Date.parse(p.arrival) - arrival) / HOUR,
        naive: Math.abs(naive - arrival) / HOUR,
        inside: Date.parse(p.earliest) <= arrival && arrival <= Date.parse(p.latest),
        width: (Date.parse(p.latest) - Date.parse(p.earliest)) / HOUR,
        tripHours,
      };
      results[k].push(row);
      if (fraction === 0.5) {
        const key = `${route.corridor} ${route.direction === 'forward' ? '→' : '←'}`;
        byCorridor.set(key, [...(byCorridor.get(key) ?? []), row]);
      }
    });
  }

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const summary = (rows) => ({
  mae: mean(rows.map((r) => r.error)),
  maePct: 100 * mean(rows.map((r) => r.error / r.tripHours)),
  coverage: (100 * rows.filter((r) => r.inside).length) / rows.length,
  width: mean(rows.map((r) => r.width)),
  naive: mean(rows.map((r) => r.naive)),
  naivePct: 100 * mean(rows.map((r) => r.naive / r.tripHours)),
  trip: mean(rows.map((r) => r.tripHours)),
});
const h = (x) => x.toFixed(1);
const pct = (x) => `${x.toFixed(1)} %`;

console.log(`bench:eta — ${describeMachine(machineInfo())}; ${revision()}`);
console.log(
  `  seed ${args.seed}; spread: ${args.spread}; ${routes.length} routes (6 corridors × 2 directions); ` +
    `trained on ${trained} trips ` +
    `(${TRAIN} per route, departing 2024–2025), measured on ${results[0].length} later trips (2026); ` +
    `interval = ${INTERVAL.lower * 100}th–${INTERVAL.upper * 100}th percentile; ` +
    `${predictions} predictions, ${(predictMs / predictions).toFixed(2)} ms each`,
);
console.log('');
console.log(
  markdownTable(
    [
      'at',
      'predicted MAE (h)',
      'MAE % of trip',
      'in interval',
      'interval width (h)',
      'naive plan MAE (h)',
      'naive % of trip',
    ],
    CHECKPOINTS.map((fraction, k) => {
      const s = summary(results[k]);
      return [
        `${fraction * 100} % of trip`,
        h(s.mae),
        pct(s.maePct),
        pct(s.coverage),
        h(s.width),
        h(s.naive),
        pct(s.naivePct),
      ];
    }),
  ),
);
console.log('');
console.log('At half way, by route:');
console.log(
  markdownTable(
    ['route', 'trips', 'mean trip (h)', 'predicted MAE (h)', 'MAE %', 'in interval', 'naive MAE (h)'],
    [...byCorridor].map(([key, rows]) => {
      const s = summary(rows);
      return [key, String(rows.length), h(s.trip), h(s.mae), pct(s.maePct), pct(s.coverage), h(s.naive)];
    }),
  ),
);
const half = summary(results[1]);
const met = half.maePct <= 10 && half.coverage >= 80;
console.log('');
console.log(
  `target at half way: MAE ≤ 10 % of trip time and ≥ 80 % in interval — ${met ? 'met' : 'NOT met'} ` +
    `(${pct(half.maePct)}, ${pct(half.coverage)}); took ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
process.exitCode = met ? 0 : 1;
