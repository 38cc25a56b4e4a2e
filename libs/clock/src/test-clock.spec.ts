import { TestClock } from './test-clock';

describe('TestClock', () => {
  it('stands still until set or advanced', () => {
    const clock = new TestClock('2026-05-01T06:00:00+05:00');
    expect(clock.now().toISOString()).toBe('2026-05-01T01:00:00.000Z');
    clock.advance(30 * 60_000);
    expect(clock.now().toISOString()).toBe('2026-05-01T01:30:00.000Z');
    clock.set('2026-06-15T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-06-15T00:00:00.000Z');
  });

  it('hands out copies, so callers cannot move it', () => {
    const clock = new TestClock('2026-05-01T00:00:00Z');
    clock.now().setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-05-01T00:00:00.000Z');
  });

  it('converts to real delays with its scale', () => {
    const clock = new TestClock('2026-05-01T00:00:00Z', 1200);
    expect(clock.realDelayMs(new Date('2026-05-01T01:00:00Z'))).toBe(3_000);
    expect(clock.realDelayMs(new Date('2026-04-30T23:00:00Z'))).toBe(0);
    expect(clock.realDurationMs(3_600_000)).toBe(3_000);
  });

  it('refuses an invalid start', () => {
    expect(() => new TestClock('not a date')).toThrow(RangeError);
  });
});
