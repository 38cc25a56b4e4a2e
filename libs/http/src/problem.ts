import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  reason: string;
}

/** RFC 9457 problem details, as every service answers errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: FieldError[];
}

/** 422 with every invalid field named and why. */
export class ValidationProblem extends HttpException {
  constructor(readonly errors: FieldError[]) {
    super({ title: 'Validation failed', errors }, HttpStatus.UNPROCESSABLE_ENTITY);
  }
}

/** 409 with a machine-readable code saying which state forbids the request. */
export class ConflictProblem extends HttpException {
  constructor(readonly code: string, detail: string) {
    super({ title: 'Conflict', code, detail }, HttpStatus.CONFLICT);
  }
}

/** 404 for what does not exist or is not the caller's. */
export class NotFoundProblem extends HttpException {
  constructor(detail: string) {
    super({ title: 'Not found', detail }, HttpStatus.NOT_FOUND);
  }
}
