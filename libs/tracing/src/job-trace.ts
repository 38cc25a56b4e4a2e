import { childTraceparent } from './traceparent';
import { currentTraceparent, runInTrace } from './trace-context';

/** Job data that carries the current trace, so the worker's logs and events continue it. */
export function withTrace<T extends object>(data: T): T & { traceparent?: string } {
  const traceparent = currentTraceparent();
  return traceparent ? { ...data, traceparent } : data;
}

/** Runs a job's work inside the trace its data carries (a new span), or a new trace. */
export function runJobInTrace<T>(data: { traceparent?: string }, work: () => T): T {
  return runInTrace(childTraceparent(data.traceparent), work, 'job');
}
