import { z } from 'zod';
import { isoDateTime } from './safe-input';
import { keysetCursor } from './keyset-cursor';

describe('keysetCursor', () => {
  const cursor = keysetCursor({ at: isoDateTime(), leg: z.coerce.number().int().min(0), id: z.uuid() });
  const position = { at: '2026-06-01T08:00:00.123456Z', leg: 2, id: '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11' };
  const raw = (text: string) => Buffer.from(text).toString('base64url');

  it('round-trips a position, microseconds included', () => {
    expect(cursor.decode(cursor.encode(position))).toEqual(position);
  });

  it.each([
    ['garbage', 'not-a-cursor!'],
    ['base64 of nothing useful', raw('hello')],
    ['too few values', raw('2026-06-01T08:00:00Z|6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11')],
    ['too many values', raw(`2026-06-01T08:00:00Z|2|6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11|x`)],
    ['year 0', raw('0000-01-01T00:00:00Z|2|6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11')],
    ['a date Postgres reads differently', raw('1|2|6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11')],
    ['NUL in a value', raw('2026-06-01T08:00:00Z\u0000|2|6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11')],
    ['not a uuid', raw("2026-06-01T08:00:00Z|2|1' OR '1'='1")],
    ['not a number', raw('2026-06-01T08:00:00Z|two|6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11')],
    ['far too long', 'A'.repeat(501)],
  ])('refuses %s', (_what, text) => {
    expect(cursor.decode(text)).toBeUndefined();
  });

  it('as a query parameter: absent is fine, tampered is an issue on the parameter', () => {
    const query = z.object({ cursor: cursor.param() });
    expect(query.parse({})).toEqual({ cursor: undefined });
    expect(query.parse({ cursor: cursor.encode(position) })).toEqual({ cursor: position });
    expect(query.safeParse({ cursor: raw('0000-01-01T00:00:00Z|2|x') }).error?.issues).toEqual([
      expect.objectContaining({ path: ['cursor'], message: expect.stringContaining('not a cursor this API returned') }),
    ]);
  });
});
