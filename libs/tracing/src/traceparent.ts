import { randomFillSync } from 'node:crypto';

/** A W3C Trace Context `traceparent`: version 00, 32-hex trace id, 16-hex parent span id, flags. */
interface TraceParent {
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

function formatTraceparent(trace: TraceParent): string {
  return `00-${trace.traceId}-${trace.spanId}-${trace.flags}`;
}

// Ids come from a pool of random bytes refilled 4 KiB at a time: a call to the CSPRNG costs
// microseconds whatever its size, and every request takes one or two ids.
const pool = Buffer.alloc(4096);
let used = pool.length;

/** `bytes` random bytes as hex, from the pool. */
function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const hex = pool.toString('hex', used, used + bytes);
  used += bytes;
  return hex;
}

/** A new span in the same trace, or a new trace when there is none (or it is malformed). */
export function childTraceparent(parent?: string | null): string {
  const parsed = parseTraceparent(parent);
  const spanId = randomHex(8);
  return parsed
    ? formatTraceparent({ traceId: parsed.traceId, spanId, flags: parsed.flags })
    : formatTraceparent({ traceId: randomHex(16), spanId, flags: '01' });
}

export function traceIdOf(traceparent: string | undefined): string | undefined {
  return parseTraceparent(traceparent)?.traceId;
}
