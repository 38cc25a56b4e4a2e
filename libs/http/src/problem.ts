import { HttpException, HttpStatus } from '@nestjs/common';
import { z } from 'zod';

export type { FieldError } from '@lib/errors';
import type { FieldError } from '@lib/errors';

/** RFC 9457 problem details, as every service answers errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const titles: Record<number, string> = {
  400: 'Malformed request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Validation failed',
  429: 'Too many requests',
  500: 'Internal server error',
};

export function problemTitle(status: number): string {
  return titles[status] ?? 'Error';
}

/** 422 with every invalid field named and why. */
export class ValidationProblem extends HttpException {
  constructor(
    readonly errors: FieldError[],
    /** Extension members of the problem (RFC 9457 §3.2), e.g. the open alternatives to a closed route. */
    extensions?: Record<string, unknown>,
  ) {
    super({ title: 'Validation failed', errors, ...extensions }, HttpStatus.UNPROCESSABLE_ENTITY);
  }
}

/** 409 with a machine-readable code saying which state forbids the request. */
export class ConflictProblem extends HttpException {
  constructor(
    readonly code: string,
    detail: string,
  ) {
    super({ title: 'Conflict', code, detail }, HttpStatus.CONFLICT);
  }
}

/** 404 for what does not exist or is not the caller's. */
export class NotFoundProblem extends HttpException {
  constructor(detail: string) {
    super({ title: 'Not found', detail }, HttpStatus.NOT_FOUND);
  }
}

const uuid = z.uuid();

/** A path id that is not a UUID cannot name anything: 404 like any id that is not there (or not yours). */
export function uuidOr404(id: string, what: string): string {
  if (!uuid.safeParse(id).success) throw new NotFoundProblem(`${what} ${id} not found`);
  return id;
}
