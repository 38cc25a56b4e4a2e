import { HttpException, HttpStatus } from '@nestjs/common';
import { problemTitle, type FieldError } from '@lib/http';

/**
 * GET /v2/events' filters that cannot be read: 400, as DCSA answers a bad query, with our problem+json
 * `errors: [{ field, reason }]` (CONVENTIONS.md) so each parameter says what is wrong with it.
 */
export class InvalidFilters extends HttpException {
  constructor(readonly errors: FieldError[]) {
    super(
      { title: problemTitle(HttpStatus.BAD_REQUEST), detail: 'invalid query parameters', errors },
      HttpStatus.BAD_REQUEST,
    );
  }
}
