import { AsyncLocalStorage } from 'node:async_hooks';
import { traceIdOf } from './traceparent';

interface TraceScope {
  traceparent: string;
  traceId: string;
}

const storage = new AsyncLocalStorage<TraceScope>();

/**
 * Runs `work` with `traceparent` as the current trace: log lines get its trace id, and events
 * written to the outbox (then Kafka headers, consumers, jobs, webhooks) carry it on.
 */
export function runInTrace<T>(traceparent: string, work: () => T): T {
  return storage.run({ traceparent, traceId: traceIdOf(traceparent) ?? '' }, work);
}

export function currentTraceparent(): string | undefined {
  return storage.getStore()?.traceparent;
}

export function currentTraceId(): string | undefined {
  return storage.getStore()?.traceId || undefined;
}
