import { z } from 'zod';
import { dateTimeProblem, isoDateTime, safeInput, textIssues, textProblem } from './safe-input';

const accepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

describe('isoDateTime', () => {
  const date = isoDateTime();

  it.each([
    '2026-12-01T08:00:00+05:00',
    '2026-12-01T08:00:00Z',
    '2026-12-01T08:00:00.123456Z',
    '2024-02-29T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '2026-12-01T08:00:00+14:00',
    '2026-12-01T08:00:00-14:00',
  ])('accepts %s', (value) => {
    expect(accepts(date, value)).toBe(true);
  });

  it.each([
    ['0000-01-01T00:00:00Z', 'the year must be between 0001 and 9999'],
    ['2026-12-01T08:00:00+16:00', 'the UTC offset must be within ±14:00'],
    ['2026-12-01T08:00:00+14:01', 'the UTC offset must be within ±14:00'],
    ['2026-12-01T08:00:00-14:30', 'the UTC offset must be within ±14:00'],
    ['0001-01-01T00:00:00+01:00', 'in UTC the date must fall between the years 0001 and 9999'],
    ['9999-12-31T23:00:00-02:00', 'in UTC the date must fall between the years 0001 and 9999'],
  ])('refuses %s: %s', (value, reason) => {
    const result = date.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([reason]);
  });

  it.each([
    '10000-01-01T00:00:00Z',
    '2026-02-29T00:00:00Z',
    '2026-12-01T08:00:00',
    '2026-12-01',
    'yesterday',
    '2026-12-01T24:00:00Z',
  ])('refuses %s (not a calendar date-time with an offset)', (value) => {
    expect(accepts(date, value)).toBe(false);
  });

  it('leaves malformed strings to zod’s own message', () => {
    expect(dateTimeProblem('garbage')).toBeUndefined();
  });

  it('keeps the string as sent', () => {
    expect(date.parse('2026-12-01T08:00:00+05:00')).toBe('2026-12-01T08:00:00+05:00');
  });
});

describe('text Postgres can store', () => {
  it.each([
    ['plain', 'Almaty Fruit Terminal LLP'],
    ['Cyrillic and Urdu', 'Алматы — لاہور'],
    ['a valid surrogate pair (emoji)', 'kinnow 🍊 crate'],
    ['empty', ''],
  ])('accepts %s', (_what, value) => {
    expect(textProblem(value)).toBeUndefined();
  });

  it.each([
    ['NUL', 'EV-1\u0000', 'NUL'],
    ['a lone high surrogate', 'EV-\uD83C', 'unpaired'],
    ['a lone high surrogate before another character', '\uD83Cx', 'unpaired'],
    ['a lone low surrogate', '\uDF4A-EV', 'unpaired'],
    ['two surrogates the wrong way round', '\uDF4A\uD83C', 'unpaired'],
  ])('refuses %s', (_what, value, reason) => {
    expect(textProblem(value)).toContain(reason);
  });

  it('finds every bad string with its path, object keys included', () => {
    const body = {
      consignee: 'ok',
      cargo: { commodity: 'kinnow\u0000' },
      legs: [{ carrier: 'NLC' }, { carrier: '\uDC00' }],
      ['bad\u0000key']: 1,
    };
    const issues = textIssues(body);
    expect(issues).toHaveLength(3);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: ['cargo', 'commodity'], message: expect.stringContaining('NUL') },
        { path: ['legs', 1, 'carrier'], message: expect.stringContaining('unpaired') },
        { path: ['bad\u0000key'], message: expect.stringContaining('field name') },
      ]),
    );
    expect(textIssues({ consignee: 'Алматы 🍊', n: 3, flag: true, none: null })).toEqual([]);
  });

  it('reports at most 20, however many there are', () => {
    expect(textIssues(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(20);
  });

  it('safeInput refuses a bad string in any field of the wrapped schema, by path', () => {
    const schema = safeInput(z.object({ eventId: z.string(), location: z.object({ name: z.string() }).optional() }));
    expect(schema.safeParse({ eventId: 'EV-1', location: { name: 'Torkham 🍊' } }).success).toBe(true);
    const refused = schema.safeParse({ eventId: 'EV-1', location: { name: 'Tork\u0000ham' } });
    expect(refused.error?.issues).toEqual([
      expect.objectContaining({ path: ['location', 'name'], message: expect.stringContaining('NUL') }),
    ]);
  });
});
