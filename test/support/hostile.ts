import fc from 'fast-check';
import { z } from 'zod';

/**
 * What a hostile or careless client sends where a well-formed value belongs: strings the database or
 * `Date` refuse (NUL, lone surrogates, years 0 and 10000, offsets beyond ±14:00), extreme numbers,
 * wrong types, deep and wide structures — plus fast-check's own strings and JSON values.
 */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udc00y',
    '\ud83d\ude9a',
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '+010000-01-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-11-20T00:00:00+16:00',
    '2026-11-20T00:00:00-14:01',
    '2026-11-20T00:00:00+14:00',
    '2026-11-20T00:00:00',
    '',
    ' ',
    'x'.repeat(10_000),
    "'; DROP TABLE shipments; --",
    '../../etc/passwd',
    '%00',
    'eyJib29rZWRBdCI6IjAwMDAtMDEtMDEiLCJpZCI6Im5vdC1hLXV1aWQifQ',
    0,
    -1,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    0.5,
    true,
    null,
    [],
    {},
    { $gt: '' },
    [[[[[[[[[[[]]]]]]]]]]],
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', 'a', '\u202e'), maxLength: 8 }),
  fc
    .date({ min: new Date(-62198755200000), max: new Date(253402300799999), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
);

/** The top-level fields of a request schema, read from the zod schema itself (its JSON Schema). */
export function fieldsOf(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
    allOf?: { properties?: Record<string, unknown> }[];
  };
  const properties = json.properties ?? json.allOf?.find((s) => s.properties)?.properties ?? {};
  const fields = Object.keys(properties);
  if (fields.length === 0) throw new Error('no fields found in the schema');
  return [...fields, 'unexpectedField'];
}

/** A copy of `body` with the value at a dotted path replaced (or added). */
export function mutateAt<T extends Record<string, unknown>>(body: T, path: string, value: unknown): T {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[keys[keys.length - 1]] = value;
  return copy as T;
}
