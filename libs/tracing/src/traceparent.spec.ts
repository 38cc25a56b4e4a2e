import { childTraceparent, parseTraceparent, traceIdOf } from './traceparent';
import { currentTraceId, currentTraceparent, runInTrace } from './trace-context';
import { runJobInTrace, withTrace } from './job-trace';

const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('traceparent', () => {
  it('parses the W3C format and refuses malformed or all-zero ids', () => {
    expect(parseTraceparent(parent)).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      flags: '01',
    });
    expect(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7')).toBeUndefined();
    expect(parseTraceparent(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`)).toBeUndefined();
    expect(parseTraceparent('garbage')).toBeUndefined();
  });

  it('continues a trace with a new span, or starts one', () => {
    const child = childTraceparent(parent);
    expect(traceIdOf(child)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(child).not.toBe(parent);
    const fresh = childTraceparent('not a traceparent');
    expect(parseTraceparent(fresh)).toBeDefined();
    expect(traceIdOf(fresh)).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('never hands out the same random id twice, across refills of its pool of random bytes', () => {
    const ids = Array.from({ length: 1000 }, () => parseTraceparent(childTraceparent())!);
    expect(new Set(ids.map((id) => id.traceId)).size).toBe(1000);
    expect(new Set(ids.map((id) => id.spanId)).size).toBe(1000);
    const spans = Array.from({ length: 1000 }, () => parseTraceparent(childTraceparent(parent))!.spanId);
    expect(new Set([...spans, ...ids.map((id) => id.spanId)]).size).toBe(2000);
  });

  it('keeps the current trace across awaits inside runInTrace, and none outside', async () => {
    expect(currentTraceparent()).toBeUndefined();
    await runInTrace(parent, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(currentTraceId()).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    });
    expect(currentTraceId()).toBeUndefined();
  });
});

describe('trace in job data', () => {
  it('carries the trace into a job and continues it in the worker', () => {
    const data = runInTrace(parent, () => withTrace({ shipmentId: 's-1' }));
    expect(data).toEqual({ shipmentId: 's-1', traceparent: parent });
    runJobInTrace(data, () => expect(currentTraceId()).toBe('4bf92f3577b34da6a3ce929d0e0e4736'));
    expect(withTrace({ a: 1 })).toEqual({ a: 1 });
  });
});
