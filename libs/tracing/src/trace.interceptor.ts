import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { childTraceparent } from './traceparent';
import { runInTrace } from './trace-context';

/** The request's trace, decided once per request by `traceRequest` (or here, if that hook did not run). */
export interface TracedRequest {
  traceparent?: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A request joins the caller's trace (`traceparent` header) or starts one; the handler and all it
 * awaits run inside it, and the answer carries the `traceparent` back so callers can quote it.
 */
@Injectable()
export class TraceInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<{ raw?: TracedRequest } & TracedRequest>();
    const raw = request.raw ?? request;
    raw.traceparent ??= childTraceparent(headerOf(raw.headers.traceparent));
    const traceparent = raw.traceparent;
    context.switchToHttp().getResponse<{ header(name: string, value: string): unknown }>().header('traceparent', traceparent);
    return new Observable((subscriber) => runInTrace(traceparent, () => next.handle().subscribe(subscriber), 'http'));
  }
}

export function headerOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
