import {
  closedUntil,
  closedWhat,
  closureAt,
  closureOnRoute,
  isClosed,
  openAlternatives,
  seasonalClosureAt,
} from './closure-calendar';
import {
  countryOf,
  findCorridor,
  findCrossing,
  legPriorsAt,
  legsFor,
  listCorridors,
  typicalDurationHours,
} from './corridors';
import { findPlace } from './places.data';
import { seasonAt } from './schedule';

describe('corridors', () => {
  it.each(listCorridors().map((c) => [c.id]))(
    '%s: legs connect end to end, in both directions, and name known crossings',
    (id) => {
      for (const direction of ['forward', 'reverse'] as const) {
        const legs = legsFor(id, direction);
        expect(legs.length).toBeGreaterThan(0);
        legs.forEach((leg, i) => {
          expect(leg.sequence).toBe(i + 1);
          if (i > 0) expect(leg.from).toEqual(legs[i - 1].to);
          if (leg.crossing)
            expect({ crossing: leg.crossing, known: findCrossing(leg.crossing) !== undefined }).toEqual({
              crossing: leg.crossing,
              known: true,
            });
        });
      }
    },
  );

  it('puts the crossing at the start of the leg, whichever the direction', () => {
    const forward = legsFor('trans-afghan', 'forward');
    expect(forward.map((l) => l.crossing)).toEqual([
      'Port of Karachi',
      'Torkham',
      'Hairatan–Termez',
      'Gishtkuprik–Zhibek Zholy',
    ]);
    const reverse = legsFor('trans-afghan', 'reverse');
    expect(reverse.map((l) => l.from.name)).toEqual(['Almaty', 'Gishtkuprik', 'Hairatan', 'Torkham']);
    expect(reverse.map((l) => l.crossing)).toEqual([
      undefined,
      'Gishtkuprik–Zhibek Zholy',
      'Hairatan–Termez',
      'Torkham',
    ]);
  });

  it('clears a ship’s cargo at the port it lands in when it goes on by road', () => {
    const reverse = legsFor('kz-karachi-dubai', 'reverse');
    expect(reverse.map((l) => l.crossing)).toEqual([
      'Jebel Ali',
      'Port of Karachi',
      'Torkham',
      'Hairatan–Termez',
      'Gishtkuprik–Zhibek Zholy',
    ]);
  });

  it('plans the first leg after its crossing’s dwell: cargo handed over at 06:00 flies after acceptance', () => {
    const legs = legsFor('air-lahore-almaty', 'forward', new Date('2026-05-01T06:00:00Z'));
    expect(legs[0]).toMatchObject({
      carrier: 'SCAT',
      dwell: { typicalHours: 6, p90Hours: 18 },
      plannedDeparture: '2026-05-01T12:00:00.000Z',
      plannedArrival: '2026-05-01T14:10:00.000Z',
    });
    expect(typicalDurationHours('air-lahore-almaty')).toBeCloseTo(8 + 1 / 6);
  });

  it('plans each leg from the previous arrival plus the typical dwell at its crossing', () => {
    const legs = legsFor('trans-afghan', 'forward', new Date('2026-05-20T00:00:00Z'));
    for (let i = 1; i < legs.length; i++) {
      const gap = (Date.parse(legs[i].plannedDeparture!) - Date.parse(legs[i - 1].plannedArrival!)) / 3600_000;
      expect({ leg: legs[i].sequence, gap }).toEqual({ leg: legs[i].sequence, gap: legs[i].dwell.typicalHours });
      expect(gap).toBeGreaterThan(0);
    }
    const total = (Date.parse(legs[legs.length - 1].plannedArrival!) - Date.parse('2026-05-20T00:00:00Z')) / 3600_000;
    expect(total).toBeCloseTo(typicalDurationHours('trans-afghan'));
  });
});

describe('schedules against their sources', () => {
  const days = (id: string, direction: 'forward' | 'reverse' = 'forward') => typicalDurationHours(id, direction) / 24;

  it('kz-karachi-dubai takes 20–25 days end to end, as the 2024 KTZ Express pilot did, both ways', () => {
    for (const direction of ['forward', 'reverse'] as const) {
      expect(days('kz-karachi-dubai', direction)).toBeGreaterThanOrEqual(20);
      expect(days('kz-karachi-dubai', direction)).toBeLessThanOrEqual(25);
    }
  });

  it('trans-afghan to Tashkent is slower than TCS’s 5-day record run of 2021, but within a fortnight', () => {
    const legs = legsFor('trans-afghan', 'forward');
    // Karachi → Gishtkuprik (by Tashkent): every leg but the last, and the dwell at each crossing.
    const toTashkent = legs.slice(0, 3).reduce((h, l) => h + l.dwell.typicalHours + l.travel.typicalHours, 0);
    expect(toTashkent / 24).toBeGreaterThan(5);
    expect(toTashkent / 24).toBeLessThan(14);
    expect(legs.flatMap((l) => l.via.map((v) => v.name))).toEqual([
      'Peshawar',
      'Kabul',
      'Mazar-i-Sharif',
      'Termez',
      'Tashkent',
      'Shymkent',
    ]);
  });

  it.each([
    ['trans-afghan', 8, 20],
    ['karakoram-highway', 5, 14],
    ['west-kz-balochistan', 8, 20],
    ['caspian-iran', 10, 22],
    ['air-lahore-almaty', 0.2, 1],
  ])('%s takes between %d and %d days either way', (id, min, max) => {
    for (const direction of ['forward', 'reverse'] as const) {
      expect(days(id, direction)).toBeGreaterThanOrEqual(min);
      expect(days(id, direction)).toBeLessThanOrEqual(max);
    }
  });

  it('runs trucks on long legs at no more than the 460 km a day of NLC’s Taftan → Baku run (3,680 km, 8 days)', () => {
    const rates = listCorridors().flatMap((c) =>
      c.legs
        .filter((l) => l.mode === 'ROAD' && (l.km ?? 0) >= 450)
        .map((l) => ({ leg: `${l.from.name}→${l.to.name}`, kmPerDay: (l.km! / l.travel.typicalHours) * 24 })),
    );
    expect(rates.length).toBeGreaterThan(10);
    for (const { leg, kmPerDay } of rates)
      expect({ leg, kmPerDay: Math.round(kmPerDay), inRange: kmPerDay >= 250 && kmPerDay <= 460 }).toEqual({
        leg,
        kmPerDay: Math.round(kmPerDay),
        inRange: true,
      });
    // Afghan and Karakoram roads at the assumed 300 km a day.
    expect(rates.find((r) => r.leg === 'Torkham→Hairatan')!.kmPerDay).toBeCloseTo(290, -1);
  });

  it('keeps p90 at or above typical for every leg and dwell', () => {
    for (const corridor of listCorridors())
      for (const direction of ['forward', 'reverse'] as const)
        for (const leg of legsFor(corridor.id, direction)) {
          expect(leg.travel.p90Hours).toBeGreaterThanOrEqual(leg.travel.typicalHours);
          expect(leg.dwell.p90Hours).toBeGreaterThanOrEqual(leg.dwell.typicalHours);
          expect(leg.hours).toBe(leg.travel.typicalHours);
        }
  });
});

describe('dwell by direction', () => {
  it('holds cargo entering Pakistan at Torkham longer than cargo leaving it', () => {
    const intoPakistan = legsFor('trans-afghan', 'reverse').find((l) => l.crossing === 'Torkham')!;
    const outOfPakistan = legsFor('trans-afghan', 'forward').find((l) => l.crossing === 'Torkham')!;
    expect(intoPakistan).toMatchObject({ crossingFrom: 'AF', crossingTo: 'PK', dwell: { typicalHours: 48 } });
    expect(outOfPakistan).toMatchObject({ crossingFrom: 'PK', crossingTo: 'AF', dwell: { typicalHours: 24 } });
  });

  it('tells a ship’s cut-off at Karachi from a truck dispatched there, and from cargo landed there', () => {
    const bySea = legsFor('kz-karachi-dubai', 'forward').find((l) => l.crossing === 'Port of Karachi')!;
    const byRoad = legsFor('trans-afghan', 'forward')[0];
    const landed = legsFor('kz-karachi-dubai', 'reverse').find((l) => l.crossing === 'Port of Karachi')!;
    expect(bySea).toMatchObject({ mode: 'SEA', crossingFrom: 'PK', crossingTo: 'AE', dwell: { typicalHours: 96 } });
    expect(byRoad).toMatchObject({ crossingFrom: 'PK', crossingTo: 'PK', dwell: { typicalHours: 24 } });
    expect(landed).toMatchObject({ crossingFrom: 'AE', crossingTo: 'PK', dwell: { typicalHours: 96 } });
  });

  it('knows which way each crossing is crossed on every corridor, both directions', () => {
    for (const corridor of listCorridors())
      for (const direction of ['forward', 'reverse'] as const)
        for (const leg of legsFor(corridor.id, direction).filter((l) => l.crossing)) {
          const crossing = findCrossing(leg.crossing!)!;
          expect({ leg: leg.crossing, from: crossing.countries.includes(leg.crossingFrom!) }).toEqual({
            leg: leg.crossing,
            from: true,
          });
          expect(leg.dwell.typicalHours).toBeGreaterThan(0);
        }
  });
});

describe('places and borders', () => {
  it('crosses from Kazakhstan into Turkmenistan at Temirbaba–Garabogaz on west-kz-balochistan', () => {
    const legs = legsFor('west-kz-balochistan', 'forward');
    expect(legs.map((l) => l.crossing)).toEqual([undefined, 'Temirbaba–Garabogaz', 'Torghundi–Serhetabat', 'Chaman']);
    expect(legs[1]).toMatchObject({ from: { name: 'Temirbaba' }, crossingFrom: 'KZ', crossingTo: 'TM' });
    expect(legs[2].via.map((v) => v.name)).toEqual(['Herat', 'Kandahar']);
    expect(legs[3].via).toEqual([{ locode: 'PKUET', name: 'Quetta' }]);
    expect(legsFor('west-kz-balochistan', 'reverse')[3]).toMatchObject({
      from: { name: 'Temirbaba' },
      to: { name: 'Aktau' },
      crossing: 'Temirbaba–Garabogaz',
      crossingFrom: 'TM',
      crossingTo: 'KZ',
    });
  });

  it('reverses the via stops with the legs', () => {
    expect(legsFor('kz-karachi-dubai', 'forward')[2].via.map((v) => v.name)).toEqual(['Mazar-i-Sharif', 'Kabul']);
    expect(legsFor('kz-karachi-dubai', 'reverse')[2].via.map((v) => v.name)).toEqual(['Kabul', 'Mazar-i-Sharif']);
  });

  it('knows the country of every place on every corridor, and finds Bhalwal by name or code', () => {
    for (const corridor of listCorridors())
      for (const leg of corridor.legs)
        for (const place of [leg.from, leg.to, ...(leg.via ?? [])])
          expect({ place: place.name, country: countryOf(place) }).toEqual({
            place: place.name,
            country: expect.stringMatching(/^[A-Z]{2}$/),
          });
    expect(countryOf({ name: 'Temirbaba' })).toBe('KZ');
    expect(countryOf({ name: 'Garabogaz' })).toBe('TM');
    expect(findPlace('bhalwal')).toEqual({ locode: 'PKBWL', name: 'Bhalwal' });
    expect(findPlace('AFMZR')?.name).toBe('Mazar-i-Sharif');
  });

  it('marks the road legs of TIR runs, and not rail, sea or air', () => {
    for (const corridor of listCorridors())
      for (const leg of legsFor(corridor.id, 'forward')) if (leg.mode !== 'ROAD') expect(leg.tir).toBe(false);
    expect(legsFor('trans-afghan').every((l) => l.tir)).toBe(true);
    expect(legsFor('kz-karachi-dubai').map((l) => l.tir)).toEqual([true, true, true, true, false]);
    expect(legsFor('caspian-iran').map((l) => l.tir)).toEqual([true, false, false, false]);
  });

  it('names TCS beside NLC where it runs the Trans-Afghan road', () => {
    const legs = findCorridor('trans-afghan')!.legs;
    expect(legs.map((l) => l.carrier)).toEqual(['NLC', 'NLC', 'NLC', 'NLC']);
    expect(legs.slice(0, 3).every((l) => l.alsoRunBy?.includes('TCS'))).toBe(true);
  });
});

describe('seasonal slowdowns', () => {
  it('gives one leg’s priors in the season of its own departure', () => {
    expect(legPriorsAt('trans-afghan', 'forward', 2, new Date('2027-01-05T00:00:00Z'))).toEqual({
      travel: { typicalHours: 90, p90Hours: 288 },
      dwell: { typicalHours: 24, p90Hours: 72 },
      slowdown: { id: 'salang-winter', reason: 'winter on the Salang pass' },
    });
    expect(legPriorsAt('trans-afghan', 'reverse', 3, new Date('2026-07-05T00:00:00Z'))).toEqual({
      travel: { typicalHours: 60, p90Hours: 96 },
      dwell: { typicalHours: 24, p90Hours: 72 },
    });
    expect(legPriorsAt('trans-afghan', 'forward', 9, new Date())).toBeUndefined();
  });

  const overSalang = (at: string) =>
    legsFor('trans-afghan', 'forward', new Date(at)).find((l) => l.via.some((v) => v.name === 'Kabul'))!;

  it('stretches the road over the Salang in winter, the tail most, and not in summer', () => {
    const summer = overSalang('2026-07-01T00:00:00Z');
    const winter = overSalang('2027-01-05T00:00:00Z');
    expect(summer.slowdown).toBeUndefined();
    expect(summer.travel).toEqual({ typicalHours: 60, p90Hours: 96 });
    expect(winter.slowdown).toEqual({ id: 'salang-winter', reason: 'winter on the Salang pass' });
    expect(winter.travel).toEqual({ typicalHours: 90, p90Hours: 288 });
    expect(winter.hours).toBe(90);
  });

  it('decides the season at the leg’s planned departure, across the new year', () => {
    // Handed over on 20 November: by the time the truck reaches Torkham and leaves it, it is still autumn.
    expect(overSalang('2026-11-20T00:00:00Z').slowdown).toBeUndefined();
    // Handed over on 28 November: it leaves Torkham in December.
    expect(overSalang('2026-11-28T00:00:00Z').slowdown?.id).toBe('salang-winter');
    // Handed over on 28 March: it leaves Torkham on 2 April, the pass's winter over.
    expect(overSalang('2027-03-28T00:00:00Z').slowdown).toBeUndefined();
    expect(seasonAt(new Date('2026-12-31T23:00:00Z')).slowdowns.map((s) => s.id)).toEqual([
      'salang-winter',
      'afghan-winter-roads',
      'torugart-winter',
    ]);
    expect(seasonAt(new Date('2027-01-01T01:00:00Z')).slowdowns).toHaveLength(3);
    expect(seasonAt(new Date('2026-07-01T00:00:00Z')).slowdowns).toEqual([]);
  });

  it('applies a slowdown in both directions and only to the legs that pass its places', () => {
    const winter = new Date('2027-01-10T00:00:00Z');
    const reverse = legsFor('kz-karachi-dubai', 'reverse', winter);
    expect(reverse.map((l) => l.slowdown?.id ?? null)).toEqual([null, null, 'salang-winter', null, null]);
    expect(legsFor('karakoram-highway', 'forward', new Date('2026-11-16T00:00:00Z'))[2].slowdown?.id).toBe(
      'torugart-winter',
    );
    expect(typicalDurationHours('trans-afghan', 'forward', winter)).toBeGreaterThan(
      typicalDurationHours('trans-afghan'),
    );
  });
});

describe('Khunjerab closure calendar', () => {
  it.each([
    ['2027-01-15T12:00:00Z', true],
    ['2026-12-01T00:00:00Z', true],
    ['2026-11-30T23:00:00Z', false],
    ['2027-04-02T00:00:00Z', false],
  ])('at %s closed: %s', (at, closed) => {
    expect(isClosed('Khunjerab–Tashkurgan', new Date(at))).toBe(closed);
  });

  it('says when it reopens, across the new year', () => {
    expect(closureAt('khunjerab-tashkurgan', new Date('2026-12-20T00:00:00Z'))).toMatchObject({
      reopensAt: new Date('2027-04-01T00:00:00Z'),
    });
    expect(closureAt('khunjerab-tashkurgan', new Date('2027-02-20T00:00:00Z'))).toMatchObject({
      reopensAt: new Date('2027-04-01T00:00:00Z'),
    });
  });

  it('says when it reopens in the last year Date and Postgres share, without an Invalid Date', () => {
    const closure = closureAt('khunjerab-tashkurgan', new Date('9999-12-20T00:00:00Z'));
    expect(closure?.reopensAt?.getTime()).toBe(Date.UTC(10000, 3, 1));
  });

  it('honours an ad-hoc opening and an extra closure', () => {
    const overrides = [
      {
        crossing: 'Khunjerab–Tashkurgan',
        from: '2027-01-10',
        until: '2027-01-20',
        open: true,
        reason: 'ad-hoc opening',
      },
      { crossing: 'torkham', from: '2026-06-01', until: '2026-06-03', open: false, reason: 'border closed' },
    ];
    expect(isClosed('khunjerab-tashkurgan', new Date('2027-01-15T00:00:00Z'), overrides)).toBe(false);
    expect(closureAt('Torkham', new Date('2026-06-02T00:00:00Z'), overrides)).toMatchObject({
      reason: 'border closed',
      source: 'override',
    });
  });

  it('keeps a closure without an end until it is lifted, and the first override that covers the time decides', () => {
    const closure = { crossing: 'torkham', from: '2026-06-01T06:00:00Z', open: false, reason: 'clashes at the border' };
    expect(closureAt('torkham', new Date('2026-06-01T05:59:59Z'), [closure])).toBeUndefined();
    const inForce = closureAt('torkham', new Date('2030-01-01T00:00:00Z'), [closure]);
    expect(inForce).toMatchObject({ reason: 'clashes at the border', source: 'override' });
    expect(inForce?.reopensAt).toBeUndefined();
    expect(closedUntil(inForce!)).toBe('until further notice');
    const opening = { crossing: 'torkham', from: '2026-06-02', until: '2026-06-03', open: true };
    expect(closureAt('torkham', new Date('2026-06-02T12:00:00Z'), [opening, closure])).toBeUndefined();
    expect(closureAt('torkham', new Date('2026-06-02T12:00:00Z'), [closure, opening])).toMatchObject({
      source: 'override',
    });
  });

  it('tells the season apart from an override', () => {
    expect(closureAt('khunjerab-tashkurgan', new Date('2026-12-20T00:00:00Z'))).toMatchObject({ source: 'season' });
    expect(seasonalClosureAt('Khunjerab–Tashkurgan', new Date('2026-12-20T00:00:00Z'))).toMatchObject({
      source: 'season',
    });
    expect(closedUntil(closureAt('khunjerab-tashkurgan', new Date('2026-12-20T00:00:00Z'))!)).toBe('until 2027-04-01');
  });

  it('blocks the KKH in winter and offers the open alternatives', () => {
    expect(closureOnRoute('karakoram-highway', 'forward', new Date('2026-12-10T00:00:00Z'))).toMatchObject({
      crossing: 'khunjerab-tashkurgan',
    });
    expect(closureOnRoute('karakoram-highway', 'forward', new Date('2026-06-10T00:00:00Z'))).toBeUndefined();
    const alternatives = openAlternatives('karakoram-highway', new Date('2026-12-10T00:00:00Z'));
    expect(alternatives).toEqual(['trans-afghan', 'west-kz-balochistan', 'caspian-iran']);
    expect(openAlternatives('karakoram-highway', new Date('2026-11-20T00:00:00Z'), [])).toEqual(
      expect.arrayContaining(['trans-afghan', 'caspian-iran', 'air-lahore-almaty']),
    );
  });
});

describe('SCAT winter suspension', () => {
  it.each([
    ['2026-11-30T12:00:00Z', false],
    ['2026-12-01T06:00:00Z', true],
    ['2027-01-15T00:00:00Z', true],
    ['2027-02-28T06:00:00Z', true],
    ['2027-03-01T06:00:00Z', false],
  ])('a flight booked from %s is suspended: %s', (at, suspended) => {
    expect(closureOnRoute('air-lahore-almaty', 'forward', new Date(at)) !== undefined).toBe(suspended);
    expect(closureOnRoute('air-lahore-almaty', 'reverse', new Date(at)) !== undefined).toBe(suspended);
  });

  it('says the service is suspended, until when, and offers the roads open instead (not the closed KKH)', () => {
    const closure = closureOnRoute('air-lahore-almaty', 'forward', new Date('2026-12-20T00:00:00Z'))!;
    expect(closure).toMatchObject({ corridor: 'air-lahore-almaty', source: 'season' });
    expect(closure.reason).toContain('SCAT');
    expect(closedWhat(closure)).toBe('air-lahore-almaty is suspended');
    expect(closedUntil(closure)).toBe('until 2027-03-01');
    expect(openAlternatives('air-lahore-almaty', new Date('2026-12-20T00:00:00Z'))).toEqual([
      'trans-afghan',
      'west-kz-balochistan',
      'caspian-iran',
    ]);
    // In March the flights are back but Khunjerab is still shut: the KKH is refused, the air is offered.
    expect(openAlternatives('karakoram-highway', new Date('2027-03-10T00:00:00Z'))).toContain('air-lahore-almaty');
  });

  it('blocks a handover on 30 November whose flight leaves on 1 December', () => {
    expect(closureOnRoute('air-lahore-almaty', 'forward', new Date('2026-11-30T20:00:00Z'))).toMatchObject({
      corridor: 'air-lahore-almaty',
    });
  });
});
