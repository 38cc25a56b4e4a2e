import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationProblem, type FieldError } from './problem';

/** zod issues as `{ field, reason }`, fields written as paths (`legs[1].mode`); `root` names a whole-value issue. */
export function fieldErrors(issues: { path: PropertyKey[]; message: string }[], root = '(body)'): FieldError[] {
  return issues.map((issue) => ({
    field: issue.path.reduce<string>((path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${String(key)}` : String(key)), '') || root,
    reason: issue.message,
  }));
}

/** Validates a request body against a zod schema: 422 naming each field (`legs[1].mode`) and the reason. */
@Injectable()
export class ZodBody<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    throw new ValidationProblem(fieldErrors(result.error.issues));
  }
}
