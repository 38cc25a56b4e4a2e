import { z } from 'zod';

/** A cursor longer than this was not made by us (ours are well under 200 characters). */
const MAX_CURSOR_LENGTH = 500;

/**
 * Opaque keyset cursors for a list ordered by a few columns: the last item's values, joined by `|`
 * (no value here contains one) and base64url-encoded. Decoding trusts nothing: a cursor is whatever a
 * client sends back, so its values are validated with `shape` (dates with `isoDateTime()`, ids with
 * `z.uuid()`, numbers with `z.coerce`) before they reach SQL; anything else is 422 on `cursor`.
 */
export function keysetCursor<Shape extends Record<string, z.ZodType>>(shape: Shape) {
  const keys = Object.keys(shape);
  const schema = z.strictObject(shape);
  type Position = z.output<typeof schema>;

  const decode = (text: string): Position | undefined => {
    if (text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
    const values = Buffer.from(text, 'base64url').toString('utf8').split('|');
    if (values.length !== keys.length) return undefined;
    const parsed = schema.safeParse(Object.fromEntries(keys.map((key, i) => [key, values[i]])));
    return parsed.success ? parsed.data : undefined;
  };

  return {
    encode: (position: { [K in keyof Shape]: string | number }): string =>
      Buffer.from(keys.map((key) => String(position[key])).join('|')).toString('base64url'),
    decode,
    /** The `cursor` query parameter: absent, or decoded into the position it names (422 otherwise). */
    param: () =>
      z
        .string()
        .optional()
        .transform((value, ctx): Position | undefined => {
          if (value === undefined) return undefined;
          const position = decode(value);
          if (position === undefined)
            ctx.addIssue({
              code: 'custom',
              message: 'not a cursor this API returned; use nextCursor of the previous page',
              input: value,
            });
          return position;
        }),
  };
}

/**
 * SQL for a timestamptz column as UTC text with microseconds, to put in a cursor: a JS Date would
 * round it to milliseconds, and a keyset built on that skips or repeats rows.
 */
export const utcMicros = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
