import { randomBytes } from 'node:crypto';

/** A W3C Trace Context `traceparent`: version 00, 32-hex trace id, 16-hex parent span id, flags. */
export interface TraceParent {
  traceId: string;
  spanId: string;
  flags: string;
}

const FORMAT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

export function parseTraceparent(value: string | undefined | null): TraceParent | undefined {
  const match = FORMAT.exec(value?.trim().toLowerCase() ?? '');
  if (!match || match[1] === ZERO_TRACE || match[2] === ZERO_SPAN) return undefined;
  return { traceId: match[1], spanId: match[2], flags: match[3] };
}

export function formatTraceparent(trace: TraceParent): string {
  return `00-${trace.traceId}-${trace.spanId}-${trace.flags}`;
}

/** A new span in the same trace, or a new trace when there is none (or it is malformed). */
export function childTraceparent(parent?: string | null): string {
  const parsed = parseTraceparent(parent);
  const spanId = randomBytes(8).toString('hex');
  return parsed
    ? formatTraceparent({ traceId: parsed.traceId, spanId, flags: parsed.flags })
    : formatTraceparent({ traceId: randomBytes(16).toString('hex'), spanId, flags: '01' });
}

export function traceIdOf(traceparent: string | undefined): string | undefined {
  return parseTraceparent(traceparent)?.traceId;
}
