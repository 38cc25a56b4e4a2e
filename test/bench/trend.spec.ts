import { chunks, seededShipmentId, seededTrackingNumber } from '../../bench/lib/seeded.mjs';
import { changePercent, rssTrend } from '../../bench/lib/trend.mjs';

describe('rssTrend', () => {
  const samples = Array.from({ length: 21 }, (_, k) => ({
    at: k * 1000,
    rssMb: { shipments: 100 + k, customs: k === 10 ? 300 : 80 },
  }));

  it('gives start, peak, end and the growth from the first 10 % of the run to the last', () => {
    const trend = rssTrend(samples);
    // The first 10 % of 20 s: the samples at 0, 1 and 2 s; the last: 18, 19 and 20 s.
    expect(trend.shipments).toEqual({
      startMb: 100,
      peakMb: 120,
      endMb: 120,
      firstMb: 101,
      lastMb: 119,
      growthMb: 18,
      growthPercent: (18 / 101) * 100,
    });
    expect(trend.customs).toMatchObject({ startMb: 80, peakMb: 300, endMb: 80, growthMb: 0, growthPercent: 0 });
  });

  it('skips the samples where a service was gone, and has a window even for a short run', () => {
    const trend = rssTrend([
      { at: 0, rssMb: { shipments: 100 } },
      { at: 1000, rssMb: { shipments: undefined } },
      { at: 60_000, rssMb: { shipments: 110 } },
    ]);
    expect(trend.shipments).toMatchObject({ startMb: 100, endMb: 110, firstMb: 100, lastMb: 110 });
    expect(rssTrend([])).toEqual({});
  });
});

describe('changePercent', () => {
  it('is signed, and missing without both figures', () => {
    expect(changePercent(1000, 950)).toBeCloseTo(-5);
    expect(changePercent(1000, 1100)).toBeCloseTo(10);
    expect(changePercent(undefined, 1)).toBeUndefined();
    expect(changePercent(0, 1)).toBeUndefined();
  });
});

describe('seeded shipments', () => {
  it('are named as PostgreSQL names them: md5 of the number as a v4 uuid, a tracking number no booking draws', () => {
    // md5('1') = c4ca4238a0b923820dcc509a6f75849b
    expect(seededShipmentId(1)).toBe('c4ca4238-a0b9-4382-8dcc-509a6f75849b');
    expect(seededTrackingNumber(1)).toBe('KZPK-U000-0001');
    expect(seededTrackingNumber(1_000_000)).toBe('KZPK-U00F-4240');
    expect(seededTrackingNumber(1_000_000)).toMatch(/^KZPK-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  });

  it('are written in chunks that cover the range once', () => {
    expect(chunks(1, 250_000, 100_000)).toEqual([
      [1, 100_000],
      [100_001, 200_000],
      [200_001, 250_000],
    ]);
    expect(chunks(9701, 9700, 100_000)).toEqual([]);
  });
});
