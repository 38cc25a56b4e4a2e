import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationProblem, type FieldError } from './problem';
import { textIssues } from './safe-input';

/** zod issues as `{ field, reason }`, fields written as paths (`legs[1].mode`); `root` names a whole-value issue. */
export function fieldErrors(issues: { path: PropertyKey[]; message: string }[], root = '(body)'): FieldError[] {
  return issues.map((issue) => ({
    field:
      issue.path.reduce<string>(
        (path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${String(key)}` : String(key)),
        '',
      ) || root,
    reason: issue.message,
  }));
}

export interface ZodBodyOptions {
  /**
   * Refuse any string in the input that Postgres cannot store (U+0000, unpaired surrogates), whatever
   * field it is in — so no field, present or future, can forget it. Default true. Off only where the
   * schema leaves items to be validated one by one (a carrier batch: each event runs the same walk
   * through `safeInput`, so one bad event does not sink the others).
   */
  checkText?: boolean;
}

/** Validates a request body or query against a zod schema: 422 naming each field (`legs[1].mode`) and the reason. */
@Injectable()
export class ZodBody<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly options: ZodBodyOptions = {},
  ) {}

  transform(value: unknown): z.infer<S> {
    const text = this.options.checkText === false ? [] : textIssues(value);
    const result = this.schema.safeParse(value);
    if (result.success && text.length === 0) return result.data;
    // Both lists, so the caller can fix everything in one round.
    throw new ValidationProblem(fieldErrors([...text, ...(result.success ? [] : result.error.issues)]));
  }
}
