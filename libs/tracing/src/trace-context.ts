import { AsyncLocalStorage } from 'node:async_hooks';
import { traceIdOf } from './traceparent';

interface TraceScope {
  traceparent: string;
  traceId: string;
  /** What started the work: a request, a consumed event, a queued job. */
  origin: 'http' | 'event' | 'job';
}

const storage = new AsyncLocalStorage<TraceScope>();

/**
 * Runs `work` with `traceparent` as the current trace: log lines get its trace id, and events
 * written to the outbox (then Kafka headers, consumers, jobs, webhooks) carry it on.
 */
export function runInTrace<T>(traceparent: string, work: () => T, origin: TraceScope['origin'] = 'event'): T {
  return storage.run({ traceparent, traceId: traceIdOf(traceparent) ?? '', origin }, work);
}

/** For the logger's mixin: every line written inside a trace carries its trace id. */
export function traceIdForLogs(): { traceId?: string } {
  const traceId = storage.getStore()?.traceId;
  return traceId ? { traceId } : {};
}

export function currentTraceparent(): string | undefined {
  return storage.getStore()?.traceparent;
}

export function currentTraceId(): string | undefined {
  return storage.getStore()?.traceId || undefined;
}
