import { DEFAULT_RETRY_SCHEDULE, delayBeforeAttempt, parseRetrySchedule } from './retry-schedule';

describe('retry schedule', () => {
  it('reads the standard schedule: immediately, 5 s, 5 min, 30 min, 2, 5, 10, 14, 20 and 24 h', () => {
    expect(parseRetrySchedule(DEFAULT_RETRY_SCHEDULE)).toEqual([
      0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000, 72_000_000, 86_400_000,
    ]);
  });

  it('names what it cannot read', () => {
    expect(() => parseRetrySchedule('0s,soon')).toThrow('"soon" is not a delay');
    expect(() => parseRetrySchedule('')).toThrow('at least one');
  });

  it('tries the first at once, jitters the later ones by at most 10 %, and stops when exhausted', () => {
    const schedule = parseRetrySchedule('0s,5s,5m');
    expect(delayBeforeAttempt(schedule, 1, () => 1)).toBe(0);
    expect(delayBeforeAttempt(schedule, 2, () => 0)).toBe(4_500);
    expect(delayBeforeAttempt(schedule, 2, () => 1)).toBe(5_500);
    expect(delayBeforeAttempt(schedule, 3, () => 0.5)).toBe(300_000);
    expect(delayBeforeAttempt(schedule, 4)).toBeUndefined();
  });
});
