import {
  closedUntil,
  closureAt,
  closureOnRoute,
  isClosed,
  openAlternatives,
  seasonalClosureAt,
} from './closure-calendar';
import { findCrossing, legsFor, listCorridors, typicalDurationHours } from './corridors';

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

  it('plans legs back to back from a departure', () => {
    const legs = legsFor('air-lahore-almaty', 'forward', new Date('2026-05-01T06:00:00Z'));
    expect(legs[0]).toMatchObject({
      carrier: 'SCAT',
      plannedDeparture: '2026-05-01T06:00:00.000Z',
      plannedArrival: '2026-05-01T08:30:00.000Z',
    });
    expect(typicalDurationHours('trans-afghan')).toBe(100);
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
    expect(alternatives).toEqual(expect.arrayContaining(['trans-afghan', 'caspian-iran', 'air-lahore-almaty']));
    expect(alternatives).not.toContain('karakoram-highway');
  });
});
