import { legsFor, modeSpan } from '@lib/reference-data';
import type { LegState } from '../shipment/tracking-state';
import { normalQuantile, seededUniform } from './normal';
import { type LegSegments, seasonOf, segmentsOf } from './eta.segments';
import {
  remainingQuantile,
  INTERVAL,
  medianRemaining,
  movedMaterially,
  observationsOf,
  predictArrival,
  summarise,
  travelWindow,
  type StatsLookup,
} from './eta.predictor';
import {
  addObservation,
  EMPTY_STATS,
  logRatio,
  MAX_LOG_RATIO,
  mergeStats,
  posterior,
  priorOf,
  type LogStats,
} from './eta.stats';

const HOUR = 3600_000;
const SUMMER = Date.parse('2026-06-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** Trans-Afghan northbound as a booking plans it: Karachi → Torkham → Hairatan → Gishtkuprik → Almaty. */
const planned = (): LegState[] =>
  legsFor('trans-afghan', 'forward', new Date(SUMMER)).map(
    ({ hours: _h, travel: _t, dwell: _d, ...leg }): LegState => ({ ...leg, status: 'PLANNED' }),
  );
const segments = segmentsOf('trans-afghan', planned());

const tableOf = (entries: [string, LogStats][]): StatsLookup => {
  const table = new Map(entries);
  return (key, season) => table.get(`${key}|${season}`) ?? EMPTY_STATS;
};
const noHistory: StatsLookup = () => EMPTY_STATS;

/** A log-normal world: draws with median `median` and 90th percentile `p90`. */
const world = (seed: number) => {
  const u = seededUniform(seed);
  return (median: number, p90: number) =>
    median * Math.exp((Math.log(p90 / median) / normalQuantile(0.9)) * normalQuantile(u()));
};

describe('ETA statistics', () => {
  it('merges batches exactly as one Welford pass over all the observations', () => {
    const hours = [12, 30, 7.5, 48, 20, 22, 95].map(Math.log);
    const sequential = hours.reduce(addObservation, EMPTY_STATS);
    const merged = mergeStats(
      hours.slice(0, 3).reduce(addObservation, EMPTY_STATS),
      hours.slice(3).reduce(addObservation, EMPTY_STATS),
    );
    expect(merged.n).toBe(7);
    expect(merged.meanLog).toBeCloseTo(sequential.meanLog, 12);
    expect(merged.m2Log).toBeCloseTo(sequential.m2Log, 12);
  });

  it('reads a reference span as a log-normal: typical is the median, p90 the 90th percentile', () => {
    const d = priorOf({ typicalHours: 40, p90Hours: 60 });
    expect(Math.exp(d.mu)).toBeCloseTo(40, 9);
    expect(Math.exp(d.mu + d.sigma * normalQuantile(0.9))).toBeCloseTo(60, 9);
  });
});

describe('ETA segments and seasons', () => {
  it('buckets December–March as winter, the rest of the year as summer', () => {
    expect(['2026-12-01', '2027-01-15', '2027-03-31T23:59:59Z'].map((d) => seasonOf(Date.parse(d)))).toEqual([
      'winter',
      'winter',
      'winter',
    ]);
    expect(['2026-11-30T23:59:59Z', '2027-04-01', '2027-08-01'].map((d) => seasonOf(Date.parse(d)))).toEqual([
      'summer',
      'summer',
      'summer',
    ]);
  });

  it('keys travel by corridor, direction and leg, dwell by crossing and the country the cargo heads for', () => {
    expect(segments.map((s) => [s.travelKey, s.dwellKey])).toEqual([
      ['travel:trans-afghan:forward:1', 'dwell:Port of Karachi>PK'],
      ['travel:trans-afghan:forward:2', 'dwell:Torkham>AF'],
      ['travel:trans-afghan:forward:3', 'dwell:Hairatan–Termez>UZ'],
      ['travel:trans-afghan:forward:4', 'dwell:Gishtkuprik–Zhibek Zholy>KZ'],
    ]);
    const reverse = legsFor('trans-afghan', 'reverse');
    expect(segmentsOf('trans-afghan', reverse)[0].travelKey).toBe('travel:trans-afghan:reverse:1');
    // The shipper's own legs on no corridor learn by mode.
    expect(segmentsOf(null, reverse.slice(0, 2))[1].travelKey).toBe('travel:mode:ROAD');
  });

  it('learns winter and summer apart', () => {
    const legs = planned();
    legs[0] = { ...legs[0], status: 'DEPARTED', actualDeparture: iso(SUMMER) };
    const typical = legsFor('trans-afghan', 'forward', new Date('2027-01-10'))[0].travel.typicalHours;
    const winterOnly = tableOf([
      [
        'travel:trans-afghan:forward:1|winter',
        Array(50).fill(logRatio(400, typical)!).reduce(addObservation, EMPTY_STATS),
      ],
    ]);
    const summer = predictArrival(legs, segments, winterOnly, new Date(SUMMER))!;
    const untrained = predictArrival(legs, segments, noHistory, new Date(SUMMER))!;
    expect(summer.legs[0].arrival).toBe(untrained.legs[0].arrival);
    const inWinter = Date.parse('2027-01-10T00:00:00Z');
    legs[0] = { ...legs[0], actualDeparture: iso(inWinter) };
    const winter = predictArrival(legs, segments, winterOnly, new Date(inWinter))!;
    expect(Date.parse(winter.legs[0].arrival) - inWinter).toBeGreaterThan(300 * HOUR);
  });
});

describe('priors at the segment’s own start', () => {
  // Trans-Afghan northbound leg 2, Torkham → Hairatan over the Salang: winter there runs from 1 December.
  const salang = segments[1];
  const justBefore = Date.parse('2026-11-30T23:00:00Z');
  const justInside = Date.parse('2026-12-01T01:00:00Z');

  it('takes the Salang winter slowdown for a leg departing just inside the window, not just outside', () => {
    expect(salang.priors(new Date(justBefore)).travel).toEqual({ typicalHours: 60, p90Hours: 96 });
    expect(salang.priors(new Date(justInside)).travel).toEqual({ typicalHours: 90, p90Hours: 288 });
  });

  it('watches the leg with the priors of its actual departure, however the trip started', () => {
    const legs = planned();
    const leg = (at: number): LegState => ({ ...legs[1], status: 'DEPARTED', actualDeparture: iso(at) });
    const outside = travelWindow(leg(justBefore), salang, noHistory)!;
    const inside = travelWindow(leg(justInside), salang, noHistory)!;
    expect(Date.parse(outside.arrival) - justBefore).toBe(60 * HOUR);
    expect(Date.parse(inside.arrival) - justInside).toBe(90 * HOUR);
    expect(Date.parse(inside.latest) - justInside).toBeGreaterThan(288 * HOUR);
    expect(Date.parse(outside.latest) - justBefore).toBeLessThan(200 * HOUR);
  });
});

describe('a shipper’s own legs', () => {
  // Two road legs on no corridor, planned by the shipper at 192 h and 10 h.
  const start = Date.parse('2026-06-01T00:00:00Z');
  const own: LegState[] = [
    {
      sequence: 1,
      mode: 'ROAD',
      carrier: 'X',
      from: { name: 'Somewhere' },
      to: { name: 'Elsewhere' },
      plannedDeparture: iso(start),
      plannedArrival: iso(start + 192 * HOUR),
      status: 'DEPARTED',
      actualDeparture: iso(start),
    },
    {
      sequence: 2,
      mode: 'ROAD',
      carrier: 'X',
      from: { name: 'Elsewhere' },
      to: { name: 'Anywhere' },
      plannedDeparture: iso(start + 192 * HOUR),
      plannedArrival: iso(start + 202 * HOUR),
      status: 'PLANNED',
    },
  ];
  const route = segmentsOf(null, own);
  const road = modeSpan('ROAD');

  it('takes each leg’s planned duration as the typical, with the mode’s spread', () => {
    expect(route.map((s) => s.onCorridor)).toEqual([false, false]);
    const ratio = road.p90Hours / road.typicalHours;
    expect(route[0].priors(new Date(start)).travel).toEqual({ typicalHours: 192, p90Hours: 192 * ratio });
    expect(route[1].priors(new Date(start)).travel).toEqual({ typicalHours: 10, p90Hours: 10 * ratio });
    const window = travelWindow(own[0], route[0], noHistory)!;
    expect(Date.parse(window.arrival) - start).toBe(192 * HOUR);
    expect(window.onCorridor).toBe(false);
    // Without both planned times, the mode's own span.
    const { plannedDeparture: _d, ...unplanned } = own[1];
    expect(segmentsOf(null, [own[0], unplanned])[1].priors(new Date(start)).travel).toEqual(road);
  });

  it('learns relative to the plan, so a leg on plan teaches the mode “on plan”', () => {
    const after = own.map((l, i) => (i === 0 ? { ...l, actualArrival: iso(start + 192 * HOUR) } : l));
    const learned = observationsOf(own, after, route);
    expect(learned).toEqual([{ key: 'travel:mode:ROAD', season: 'summer', hours: 192, referenceHours: 192 }]);
    expect(summarise(learned).get('travel:mode:ROAD|summer')!.stats.meanLog).toBeCloseTo(0, 12);
  });
});

describe('learning robustly', () => {
  it('clamps one observation to a fifth – five times the reference (a departure back-dated by weeks)', () => {
    expect(logRatio(24 * 40, 24)).toBeCloseTo(MAX_LOG_RATIO, 12);
    expect(logRatio(0.1, 24)).toBeCloseTo(-MAX_LOG_RATIO, 12);
    expect(logRatio(48, 24)).toBeCloseTo(Math.log(2), 12);
    const folded = summarise([
      { key: 'a', season: 'summer', hours: 24 * 40, referenceHours: 24 },
      { key: 'a', season: 'summer', hours: 24 * 5, referenceHours: 24 },
    ]);
    const stats = folded.get('a|summer')!.stats;
    expect(stats.n).toBe(2);
    expect(stats.meanLog).toBeCloseTo(Math.log(5), 12);
    expect(stats.m2Log).toBeCloseTo(0, 12);
  });

  it('skips anything that is not a finite number, which the store could not write', () => {
    expect(logRatio(NaN, 24)).toBeUndefined();
    expect(logRatio(24, Infinity)).toBeUndefined();
    expect(summarise([{ key: 'a', season: 'summer', hours: 10, referenceHours: NaN }]).size).toBe(0);
    // A segment whose reference figure is not a number, and a leg whose arrival is not a date: nothing learned.
    const broken: LegSegments[] = segments.map((s) => ({
      ...s,
      priors: () => ({ travel: { typicalHours: NaN, p90Hours: NaN }, dwell: { typicalHours: NaN, p90Hours: NaN } }),
    }));
    const legs = planned();
    const departed = legs.map((l, i) => (i === 0 ? { ...l, actualDeparture: iso(SUMMER) } : l));
    const arrived = departed.map((l, i) => (i === 0 ? { ...l, actualArrival: iso(SUMMER + 38 * HOUR) } : l));
    expect(observationsOf(departed, arrived, broken)).toEqual([]);
    const garbled = departed.map((l, i) => (i === 0 ? { ...l, actualArrival: 'not a date' } : l));
    expect(observationsOf(departed, garbled, segments)).toEqual([]);
  });
});

describe('ETA predictor', () => {
  it('learns a crossing slower than the reference says', () => {
    const prior = legsFor('trans-afghan', 'forward', new Date(SUMMER))[1].dwell;
    const slow = prior.typicalHours * 3 + 10;
    const draw = world(7);
    const observed = Array.from({ length: 40 }, () => logRatio(draw(slow, slow * 1.6), prior.typicalHours)!).reduce(
      addObservation,
      EMPTY_STATS,
    );
    const learned = posterior(prior, observed);
    expect(Math.exp(learned.mu)).toBeGreaterThan(slow * 0.8);
    expect(Math.exp(learned.mu)).toBeLessThan(slow * 1.2);

    // The shipment waiting at Torkham is predicted to leave later once the model has seen the queue.
    const legs = planned();
    legs[0] = { ...legs[0], status: 'ARRIVED', actualDeparture: iso(SUMMER), actualArrival: iso(SUMMER + 40 * HOUR) };
    const now = new Date(SUMMER + 41 * HOUR);
    const before = predictArrival(legs, segments, noHistory, now)!;
    const after = predictArrival(legs, segments, tableOf([['dwell:Torkham>AF|summer', observed]]), now)!;
    const shift = (Date.parse(after.arrival) - Date.parse(before.arrival)) / HOUR;
    expect(shift).toBeGreaterThan((slow - prior.typicalHours) * 0.6);
  });

  it('conditions a leg in progress on the time it has already taken', () => {
    const d = priorOf({ typicalHours: 40, p90Hours: 60 });
    expect(medianRemaining(d, 0)).toBeCloseTo(40, 6);
    // Nearly every trip lasts past 10 h: the remainder is about the median less the 10 h gone.
    expect(medianRemaining(d, 10)).toBeGreaterThan(29);
    expect(medianRemaining(d, 10)).toBeLessThan(31);
    // Past its 90th percentile, the leg still has some way to go, less than a whole typical leg.
    const late = medianRemaining(d, 70);
    expect(late).toBeGreaterThan(1);
    expect(late).toBeLessThan(20);
    // Absurdly late: a small positive remainder, never NaN or negative.
    const absurd = remainingQuantile(d, 5000, 0.5);
    expect(absurd).toBeGreaterThan(0);
    expect(absurd).toBeLessThan(200);
  });

  it('watches a departed leg from its departure: typical travel as the median, past the p90 as the upper bound', () => {
    const legs = planned();
    const departed = { ...legs[0], status: 'DEPARTED' as const, actualDeparture: iso(SUMMER) };
    const { travel } = segments[0].priors(new Date(SUMMER));
    const window = travelWindow(departed, segments[0], noHistory)!;
    expect(Date.parse(window.arrival)).toBe(SUMMER + Math.round(travel.typicalHours * HOUR));
    expect(Date.parse(window.latest)).toBeGreaterThan(SUMMER + travel.p90Hours * HOUR);
    expect(travelWindow(legs[1], segments[1], noHistory)).toBeUndefined();
  });

  it('predicts nothing once every leg has arrived', () => {
    const legs = planned().map((l, i) => ({
      ...l,
      status: 'ARRIVED' as const,
      actualDeparture: iso(SUMMER + i * 100 * HOUR),
      actualArrival: iso(SUMMER + (i * 100 + 50) * HOUR),
    }));
    expect(predictArrival(legs, segments, noHistory, new Date(SUMMER + 500 * HOUR))).toBeUndefined();
  });

  it('holds its interval on at least 80 % of synthetic trips at half way', () => {
    // The true world: every segment 30 % slower and more spread than the reference.
    const reference = legsFor('trans-afghan', 'forward', new Date(SUMMER));
    const draw = world(42);
    const trip = () =>
      reference.map((leg, i) => ({
        dwell: i === 0 ? 0 : draw(leg.dwell.typicalHours * 1.3, leg.dwell.p90Hours * 1.5),
        travel: draw(leg.travel.typicalHours * 1.3, leg.travel.p90Hours * 1.5),
      }));
    const learning: Map<string, LogStats> = new Map();
    for (let t = 0; t < 60; t++) {
      trip().forEach((s, i) => {
        const travel = `${segments[i].travelKey}|summer`;
        const leg = reference[i];
        learning.set(
          travel,
          addObservation(learning.get(travel) ?? EMPTY_STATS, logRatio(s.travel, leg.travel.typicalHours)!),
        );
        if (i > 0) {
          const dwell = `${segments[i].dwellKey}|summer`;
          learning.set(
            dwell,
            addObservation(learning.get(dwell) ?? EMPTY_STATS, logRatio(s.dwell, leg.dwell.typicalHours)!),
          );
        }
      });
    }
    const stats = tableOf([...learning]);
    let inside = 0;
    const trips = 200;
    for (let t = 0; t < trips; t++) {
      const segmentsOfTrip = trip();
      const legs = planned();
      let at = SUMMER;
      const times = segmentsOfTrip.map((s) => {
        const departure = (at += s.dwell * HOUR);
        const arrival = (at += s.travel * HOUR);
        return { departure, arrival };
      });
      const halfway = SUMMER + (at - SUMMER) / 2;
      times.forEach((time, i) => {
        if (time.departure <= halfway)
          legs[i] = { ...legs[i], status: 'DEPARTED', actualDeparture: iso(time.departure) };
        if (time.arrival <= halfway) legs[i] = { ...legs[i], status: 'ARRIVED', actualArrival: iso(time.arrival) };
      });
      const p = predictArrival(legs, segments, stats, new Date(halfway))!;
      if (Date.parse(p.earliest) <= at && at <= Date.parse(p.latest)) inside++;
    }
    expect(inside / trips).toBeGreaterThanOrEqual(0.8);
    expect(INTERVAL.upper - INTERVAL.lower).toBeLessThanOrEqual(0.9);
  });

  it('is deterministic: the same state and model give the same prediction', () => {
    const legs = planned();
    legs[0] = { ...legs[0], status: 'DEPARTED', actualDeparture: iso(SUMMER) };
    const now = new Date(SUMMER + 5 * HOUR);
    expect(predictArrival(legs, segments, noHistory, now)).toEqual(predictArrival(legs, segments, noHistory, now));
  });
});

describe('what the model learns from an event', () => {
  const legs = planned();
  const departed: LegState[] = legs.map((l, i) => (i === 0 ? { ...l, actualDeparture: iso(SUMMER) } : l));
  const arrived: LegState[] = departed.map((l, i) => (i === 0 ? { ...l, actualArrival: iso(SUMMER + 38 * HOUR) } : l));

  it('learns a leg’s travel when its arrival is first recorded, and only then', () => {
    expect(observationsOf(departed, arrived, segments)).toEqual([
      {
        key: 'travel:trans-afghan:forward:1',
        season: 'summer',
        hours: 38,
        referenceHours: segments[0].priors(new Date(SUMMER)).travel.typicalHours,
      },
    ]);
    expect(observationsOf(arrived, arrived, segments)).toEqual([]);
  });

  it('learns a crossing’s dwell from the previous arrival, or from the border arrival where reported', () => {
    const left = arrived.map((l, i) => (i === 1 ? { ...l, actualDeparture: iso(SUMMER + 50 * HOUR) } : l));
    expect(observationsOf(arrived, left, segments)).toMatchObject([
      { key: 'dwell:Torkham>AF', season: 'summer', hours: 12 },
    ]);
    const reported = left.map((l, i) => (i === 1 ? { ...l, atCrossingSince: iso(SUMMER + 41 * HOUR) } : l));
    expect(observationsOf(arrived, reported, segments)[0].hours).toBe(9);
  });

  it('folds a batch into one statistic per segment and season', () => {
    const folded = summarise([
      { key: 'a', season: 'summer', hours: 10, referenceHours: 10 },
      { key: 'a', season: 'summer', hours: 20, referenceHours: 10 },
      { key: 'a', season: 'winter', hours: 30, referenceHours: 10 },
    ]);
    expect([...folded.keys()]).toEqual(['a|summer', 'a|winter']);
    expect(folded.get('a|summer')!.stats.n).toBe(2);
    // Learned as log ratios to the reference: 10 h and 20 h against 10 h average ln √2.
    expect(folded.get('a|summer')!.stats.meanLog).toBeCloseTo(Math.log(Math.SQRT2), 12);
  });
});

describe('publishing a prediction', () => {
  const base = { asOf: iso(SUMMER), legSequence: 4, legs: [] };
  const published = {
    asOf: iso(SUMMER),
    arrival: iso(SUMMER + 100 * HOUR),
    earliest: iso(SUMMER + 80 * HOUR),
    latest: iso(SUMMER + 140 * HOUR),
  };

  it('publishes the first prediction and any whose arrival moves by more than 2 h and 5 % of the time to go', () => {
    const same = { ...base, arrival: published.arrival, earliest: published.earliest, latest: published.latest };
    expect(movedMaterially(undefined, same)).toBe(true);
    expect(movedMaterially(published, same)).toBe(false);
    // 100 h to go: 5 h is the threshold for the arrival, 25 h for a bound of the interval.
    expect(movedMaterially(published, { ...same, arrival: iso(SUMMER + 104.5 * HOUR) })).toBe(false);
    expect(movedMaterially(published, { ...same, arrival: iso(SUMMER + 94 * HOUR) })).toBe(true);
    expect(movedMaterially(published, { ...same, latest: iso(SUMMER + 160 * HOUR) })).toBe(false);
    expect(movedMaterially(published, { ...same, latest: iso(SUMMER + 170 * HOUR) })).toBe(true);
  });
});
