/**
 * Errors the domain raises, knowing nothing of HTTP: a machine-readable `code`, a message a person
 * can act on, and the facts behind it. Each feature names its own in `<feature>.errors.ts`; the HTTP
 * edge maps the four kinds to problem+json in one place (libs/http's ProblemDetailsFilter):
 * invalid → 422, not found → 404, conflict → 409, forbidden → 403.
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden';

/** One refused input field and why. */
export interface FieldError {
  field: string;
  reason: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  protected constructor(
    readonly code: string,
    message: string,
    /** What a client may act on (e.g. the open alternatives to a closed route); sent with the error. */
    readonly facts: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input cannot be accepted; each field says why. */
export class InvalidInput extends DomainError {
  readonly kind = 'invalid';

  constructor(
    readonly errors: FieldError[],
    facts: Record<string, unknown> = {},
    code = 'INVALID_INPUT',
  ) {
    super(code, errors.map((e) => `${e.field}: ${e.reason}`).join('; '), facts);
  }
}

/** What the caller asked for does not exist, or is not theirs to see (the same answer, on purpose). */
export class NotFound extends DomainError {
  readonly kind = 'not_found';

  constructor(message: string, code = 'NOT_FOUND', facts: Record<string, unknown> = {}) {
    super(code, message, facts);
  }
}

/** The state of things does not allow it now; `code` says which state. */
export class Conflict extends DomainError {
  readonly kind = 'conflict';

  constructor(code: string, message: string, facts: Record<string, unknown> = {}) {
    super(code, message, facts);
  }
}

/** The caller may not do this (beyond what its role allows, which the edge checks before). */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden';

  constructor(code: string, message: string, facts: Record<string, unknown> = {}) {
    super(code, message, facts);
  }
}
