import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '@lib/html';
import { page } from './pages/layout';
import { SignInRequired } from './session/session.guard';
import { signInPage } from './session/sign-in.page';

/**
 * @fastify/csrf-protection's refusals (missing secret cookie, bad or missing token); Nest's Fastify adapter wraps them
 * as the `cause` of an HttpException.
 */
function isCsrfRefusal(exception: unknown): boolean {
  const error = exception instanceof HttpException && exception.cause ? exception.cause : exception;
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('FST_CSRF_');
}

function statusOf(exception: unknown): number {
  if (exception instanceof HttpException) return exception.getStatus();
  const status = (exception as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : HttpStatus.INTERNAL_SERVER_ERROR;
}

/**
 * Errors as pages a person can act on: no session → the sign-in form (303; 401 for streams and
 * posts); a refused CSRF token → 403 with a fresh form; anything else a short page with its status
 * (5xx details stay in the log). Health probes keep terminus' JSON report.
 */
@Catch()
export class ConsolePageFilter implements ExceptionFilter {
  private readonly logger = new Logger(ConsolePageFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof SignInRequired) {
      if (request.method === 'GET' && !String(request.headers.accept ?? '').includes('text/event-stream'))
        return void reply.redirect('/sign-in', 303);
      return void reply.code(401).type('text/plain; charset=utf-8').send('Sign in first: /sign-in');
    }
    if (isCsrfRefusal(exception)) {
      this.logger.warn({ url: request.url }, 'form refused: CSRF token missing or invalid');
      const message = 'The form had expired or did not come from this console, so nothing was done. Please try again.';
      const body = request.url.startsWith('/sign-in')
        ? signInPage({ csrfToken: reply.generateCsrf(), error: message })
        : page({
            title: 'Form refused',
            body: html`<h1>Form refused</h1><p class="alert" role="alert">${message}</p><p>\
<a href="/">Back to the overview</a></p>`,
          });
      return void reply.code(403).type('text/html; charset=utf-8').send(body);
    }
    const status = statusOf(exception);
    if (exception instanceof HttpException && request.url.startsWith('/health/')) {
      return void reply.code(status).send(exception.getResponse());
    }
    if (status >= 500) this.logger.error({ err: exception, url: request.url }, 'request failed');
    const title = status === 404 ? 'Not found' : status >= 500 ? 'Something went wrong' : 'Request refused';
    const detail =
      status >= 500
        ? 'The console could not answer; the details are in its log.'
        : exception instanceof Error
          ? exception.message
          : String(exception);
    void reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(page({ title, body: html`<h1>${title}</h1><p>${detail}</p><p><a href="/">Back to the overview</a></p>` }));
  }
}
