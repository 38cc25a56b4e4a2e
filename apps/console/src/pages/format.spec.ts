import { count, dueIn, duration, perSecond } from './format';

describe('format', () => {
  it.each([
    [null, '—'],
    [0, '0/s'],
    [2.345, '2.3/s'],
    [1234.6, '1,235/s'],
  ])('perSecond(%p) is %p', (value, text) => expect(perSecond(value)).toBe(text));

  it.each([
    [850, '850 ms'],
    [42_000, '42 s'],
    [185_000, '3 min 5 s'],
    [120_000, '2 min'],
    [7_800_000, '2 h 10 min'],
    [273_600_000, '3 d 4 h'],
  ])('duration(%p) is %p', (ms, text) => expect(duration(ms)).toBe(text));

  it('says when a delayed job is due, or how overdue it is', () => {
    expect(dueIn(65_000, 5_000)).toBe('in 1 min');
    expect(dueIn(5_000, 17_000)).toBe('overdue by 12 s');
    expect(dueIn(null, 0)).toBe('—');
  });

  it('counts with separators, unknown as a dash', () => {
    expect(count(12345)).toBe('12,345');
    expect(count(null)).toBe('—');
  });
});
