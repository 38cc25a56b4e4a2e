import { SystemClock } from './system-clock';

/** A real-time source the test moves by hand. */
function realTime(startIso: string) {
  let nowMs = Date.parse(startIso);
  return { now: () => nowMs, advance: (ms: number) => (nowMs += ms) };
}

const HOUR = 3_600_000;

describe('SystemClock', () => {
  it('starts at the epoch and runs scale times faster: at 1200, 3 real seconds are 1 simulated hour', () => {
    const real = realTime('2031-01-10T09:00:00Z');
    const clock = new SystemClock({ epoch: new Date('2026-05-01T06:00:00+05:00'), scale: 1200 }, real.now);
    expect(clock.now().toISOString()).toBe('2026-05-01T01:00:00.000Z');
    real.advance(3_000);
    expect(clock.now().toISOString()).toBe('2026-05-01T02:00:00.000Z');
  });

  it('gives the real delay for a BullMQ job due at a simulated instant', () => {
    const real = realTime('2031-01-10T09:00:00Z');
    const clock = new SystemClock({ epoch: new Date('2026-05-01T00:00:00Z'), scale: 1200 }, real.now);
    // A clearance deadline 48 simulated hours ahead fires 144 real seconds later.
    expect(clock.realDelayMs(new Date('2026-05-03T00:00:00Z'))).toBe(144_000);
    real.advance(100_000);
    expect(clock.realDelayMs(new Date('2026-05-03T00:00:00Z'))).toBe(44_000);
  });

  it('never returns a negative delay for an instant already passed', () => {
    const clock = new SystemClock(
      { epoch: new Date('2026-05-01T00:00:00Z'), scale: 60 },
      realTime('2031-01-10T09:00:00Z').now,
    );
    expect(clock.realDelayMs(new Date('2026-04-30T00:00:00Z'))).toBe(0);
  });

  it('rounds real delays up so a job never fires early', () => {
    const clock = new SystemClock(
      { epoch: new Date('2026-05-01T00:00:00Z'), scale: 1200 },
      realTime('2031-01-10T09:00:00Z').now,
    );
    expect(clock.realDurationMs(1_000)).toBe(1);
    expect(clock.realDurationMs(24 * HOUR)).toBe(72_000);
    expect(clock.realDurationMs(-5)).toBe(0);
  });

  it('is wall time when the epoch is unset and the scale is 1', () => {
    const real = realTime('2031-01-10T09:00:00Z');
    const clock = new SystemClock({ scale: 1 }, real.now);
    real.advance(90_000);
    expect(clock.now().getTime()).toBe(real.now());
    expect(clock.realDelayMs(new Date(real.now() + 5_000))).toBe(5_000);
  });

  it('defaults to the real system time', () => {
    const before = Date.now();
    const now = new SystemClock({ scale: 1 }).now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses scale %p', (scale) => {
    expect(() => new SystemClock({ scale })).toThrow(RangeError);
  });
});

describe('SystemClock with a shared real start', () => {
  it('agrees with another service booted later', () => {
    const config = {
      epoch: new Date('2026-12-01T00:00:00Z'),
      realStart: new Date('2026-11-28T12:00:00Z'),
      scale: 1200,
    };
    let real = Date.parse('2026-11-28T12:00:10Z');
    const early = new SystemClock(config, () => real);
    real += 1_000;
    const late = new SystemClock(config, () => real);
    expect(late.now().toISOString()).toBe(early.now().toISOString());
    expect(early.now().toISOString()).toBe('2026-12-01T03:40:00.000Z');
  });
});
