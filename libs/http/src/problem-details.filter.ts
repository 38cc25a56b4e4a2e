import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DomainError } from '@lib/errors';
import { domainProblem, domainStatus } from './domain-problem';
import { problemTitle, ValidationProblem, type Problem } from './problem';

/** Fastify's own errors (bad JSON, body too large) carry a statusCode; map them too. */
function statusOf(exception: unknown): number {
  if (exception instanceof HttpException) return exception.getStatus();
  if (exception instanceof DomainError) return domainStatus(exception);
  const status = (exception as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : HttpStatus.INTERNAL_SERVER_ERROR;
}

function isHealthReport(body: unknown): boolean {
  return (
    typeof body === 'object' && body !== null && 'details' in body && (body as { status?: unknown }).status === 'error'
  );
}

/** The SQLSTATE of a Postgres error TypeORM wrapped, if it is one. */
function sqlState(exception: unknown): string | undefined {
  if (!(exception instanceof QueryFailedError)) return undefined;
  const code = (exception.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Input that validation should have refused but did not, caught where it failed: a Postgres data
 * exception (SQLSTATE class 22: a date, number or text it cannot hold) or a `Date` out of range
 * (`toISOString()` of an Invalid Date). Validation is the fix; this net keeps such a request a 422 —
 * without the SQL or its parameters — instead of a 500, and logs it loudly so the gap gets closed.
 */
function unrepresentableInput(exception: unknown): ValidationProblem | undefined {
  if (sqlState(exception)?.startsWith('22')) {
    return new ValidationProblem([
      {
        field: '(body)',
        reason: 'a value in the request is outside what can be stored (a date, number or text out of range)',
      },
    ]);
  }
  if (exception instanceof RangeError && exception.message === 'Invalid time value') {
    return new ValidationProblem([
      { field: '(body)', reason: 'a date in the request, or one computed from it, is out of range' },
    ]);
  }
  return undefined;
}

/** Every HTTP error leaves as `application/problem+json` (RFC 9457); 5xx details stay in the logs. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(caught: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const unrepresentable = unrepresentableInput(caught);
    if (unrepresentable) {
      // Not the error itself: a QueryFailedError carries the SQL and its parameters (secrets, personal data).
      this.logger.error(
        {
          url: request.url,
          sqlState: sqlState(caught),
          error: caught instanceof Error ? caught.constructor.name : typeof caught,
          stack: caught instanceof RangeError ? caught.stack : undefined,
        },
        'unvalidated input reached the database or a date computation; answered 422',
      );
    }
    const exception = unrepresentable ?? caught;
    const status = statusOf(exception);
    if (exception instanceof HttpException && isHealthReport(exception.getResponse())) {
      // Readiness probes keep terminus' report (status, info, error, details): that is what probes and dashboards read.
      void reply.status(status).send(exception.getResponse());
      return;
    }
    let problem: Problem = { type: 'about:blank', title: problemTitle(status), status, instance: request.url };
    if (exception instanceof DomainError) {
      problem = domainProblem(exception, problem);
    } else if (exception instanceof HttpException) {
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null) {
        const { title, detail, code, errors, message, ...extensions } = body as Partial<Problem> & {
          message?: unknown;
          statusCode?: unknown;
          error?: unknown;
        };
        // Nest's own fields: the status is the problem's, the error name its title.
        delete extensions.statusCode;
        delete extensions.error;
        Object.assign(problem, extensions, {
          title: title ?? problem.title,
          detail: detail ?? (typeof message === 'string' ? message : undefined),
          code,
          errors,
        });
      } else {
        problem.detail = String(body);
      }
    } else if (status < 500) {
      const { detail, message } = exception as { detail?: string; message?: string };
      problem.detail = detail ?? message;
    } else {
      this.logger.error({ err: exception, url: request.url }, 'unhandled error');
    }
    if (status === 401) void reply.header('www-authenticate', 'Bearer');
    void reply.status(status).header('content-type', 'application/problem+json').send(JSON.stringify(problem));
  }
}
