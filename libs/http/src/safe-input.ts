import { z } from 'zod';

/**
 * What a request may carry, as Postgres and `Date` can hold it. zod's own formats accept more than
 * they can: year 0000, offsets up to ±23:59, U+0000 and unpaired surrogates in any string — each of
 * which passed validation and then failed in the database (a 500, and a whole batch rolled back).
 */

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: the years Postgres and ISO-8601 basic format share. */
const EARLIEST = new Date('0001-01-01T00:00:00Z').getTime();
const LATEST = new Date('9999-12-31T23:59:59.999Z').getTime();
/** Real UTC offsets run from −12:00 to +14:00 (Kiribati); Postgres refuses beyond ±15:59. */
const MAX_OFFSET_MINUTES = 14 * 60;

const DATE_TIME = /^(\d{4})-\d{2}-\d{2}T[^Z+-]*(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Why an ISO-8601 date-time (already in zod's format) cannot be stored, or undefined if it can. */
export function dateTimeProblem(value: string): string | undefined {
  const match = DATE_TIME.exec(value);
  if (!match) return undefined; // not the format at all: zod's own issue says so
  const [, year, , hours, minutes] = match;
  if (Number(year) < 1) return 'the year must be between 0001 and 9999';
  if (hours !== undefined && Number(hours) * 60 + Number(minutes) > MAX_OFFSET_MINUTES)
    return 'the UTC offset must be within ±14:00';
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) return 'not a date';
  if (instant < EARLIEST || instant > LATEST) return 'in UTC the date must fall between the years 0001 and 9999';
  return undefined;
}

/**
 * An ISO-8601 date-time with an explicit offset (`Z` or `±hh:mm`), a real calendar date, years
 * 0001–9999 (also once converted to UTC), an offset within ±14:00. The string is kept as sent (carriers'
 * event hashes are computed from it).
 */
export function isoDateTime() {
  return z.iso
    .datetime({ offset: true, message: 'must be an ISO-8601 date-time with an offset, e.g. 2026-12-01T08:00:00+05:00' })
    .superRefine((value, ctx) => {
      const problem = dateTimeProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
    });
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as Postgres text or jsonb (U+0000, unpaired surrogates), or undefined. */
export function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'must not contain an unpaired UTF-16 surrogate (invalid Unicode)';
  return undefined;
}

export interface TextIssue {
  path: (string | number)[];
  message: string;
}

/** Reported at most, so a body of a million bad strings does not make a million-line answer. */
const MAX_TEXT_ISSUES = 20;

/**
 * Every string in `value` — object keys included — that Postgres could not store, with its path.
 * Iterative, so hostile nesting cannot overflow the stack (the depth limit runs before this anyway).
 */
export function textIssues(value: unknown): TextIssue[] {
  const issues: TextIssue[] = [];
  const stack: [unknown, (string | number)[]][] = [[value, []]];
  while (stack.length && issues.length < MAX_TEXT_ISSUES) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      const problem = textProblem(node);
      if (problem) issues.push({ path, message: problem });
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], [...path, i]]);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node).reverse()) {
        const problem = textProblem(key);
        if (problem) issues.push({ path: [...path, key], message: `the field name ${problem}` });
        else stack.push([child, [...path, key]]);
      }
    }
  }
  return issues.slice(0, MAX_TEXT_ISSUES);
}

/**
 * `schema`, refusing first any string anywhere in the input that Postgres could not store. For
 * schemas parsed outside `ZodBody` (which runs the same walk itself), e.g. each event of a carrier
 * batch, which must be judged on its own.
 */
export function safeInput<S extends z.ZodType>(schema: S) {
  return z.preprocess((input, ctx) => {
    for (const issue of textIssues(input))
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input });
    return input;
  }, schema);
}
