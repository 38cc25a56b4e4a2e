import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { runInTrace } from './trace-context';

/** Where the HTTP platform's first hook puts the trace it decided for a request (on the raw request). */
export interface TracedRequest {
  traceparent?: string;
}

/**
 * The handler, and all it awaits, runs inside the request's trace, so its log lines and the events
 * it writes carry the trace id. The trace was decided before anything else ran (the HTTP platform's
 * onRequest hook: the caller's `traceparent` continued, or a new trace, answered in the response
 * header); requests it leaves untraced (health probes, metrics, docs) run as they are.
 */
@Injectable()
export class TraceInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<{ raw?: TracedRequest } & TracedRequest>();
    const traceparent = (request.raw ?? request).traceparent;
    if (!traceparent) return next.handle();
    return new Observable((subscriber) => runInTrace(traceparent, () => next.handle().subscribe(subscriber), 'http'));
  }
}

export function headerOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
