// The load generator every phase uses (autocannon, in this process) and what it reports.
import autocannon from 'autocannon';

/**
 * Runs autocannon with `options` (its own keys: url, duration, connections,
 * overallRate, requests, …); Ctrl-C stops it early.
 */
export function load(options) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => {
      process.off('SIGINT', stop);
      return error ? reject(error) : resolve(result);
    });
    const stop = () => instance.stop();
    process.once('SIGINT', stop);
  });
}

/** Throughput counts answered 2xx requests over the measured time; latencies are autocannon's (ms). */
export function summarize(result, eventsPerRequest = 1) {
  const seconds = result.duration || 1;
  return {
    requestsPerSec: Math.round(result['2xx'] / seconds),
    eventsPerSec: Math.round((result['2xx'] * eventsPerRequest) / seconds),
    ok: result['2xx'],
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    min: result.latency.min,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
