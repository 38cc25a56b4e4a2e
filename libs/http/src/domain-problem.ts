import { HttpStatus } from '@nestjs/common';
import { InvalidInput, type DomainError, type DomainErrorKind } from '@lib/errors';
import type { Problem } from './problem';

const STATUS: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
};

/**
 * The one mapping from a domain error to problem+json (RFC 9457): its kind gives the status, its
 * code and message become `code` and `detail`, refused fields `errors`, its facts extension members.
 */
export function domainProblem(error: DomainError, base: Problem): Problem {
  const status = STATUS[error.kind];
  const problem: Problem = { ...base, ...error.facts, status, code: error.code, detail: error.message };
  if (error instanceof InvalidInput) {
    problem.errors = error.errors;
    delete problem.detail;
  }
  // Default codes say nothing the status does not: a plain 404 (not there and not yours read the
  // same) and a plain 422 (its `errors` say what) carry none; named ones (LEG_NOT_FOUND) keep theirs.
  if (error.code === 'NOT_FOUND' || error.code === 'INVALID_INPUT') delete problem.code;
  return problem;
}

export const domainStatus = (error: DomainError): number => STATUS[error.kind];
