// Reading the raw-bound tools' own reports (pure; bench/lib/*.spec lives in test/bench/).

const number = (text) => Number(text.replaceAll(',', ''));

/**
 * pgbench's summary (PostgreSQL 12+):
 *   number of transactions actually processed: 38012
 *   number of failed transactions: 0 (0.000%)
 *   latency average = 8.402 ms
 *   tps = 3801.223 (without initial connection time)
 */
export function parsePgbench(output) {
  const field = (pattern, required = true) => {
    const match = pattern.exec(output);
    if (!match && required) throw new Error(`pgbench output without ${pattern}:\n${output}`);
    return match ? number(match[1]) : undefined;
  };
  return {
    transactions: field(/number of transactions actually processed: ([\d,]+)/),
    failed: field(/number of failed transactions: ([\d,]+)/, false) ?? 0,
    latencyAvgMs: field(/latency average = ([\d.]+) ms/),
    // Older pgbench prints two tps lines; the one without connection time is the steady rate.
    tps: field(/tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/),
  };
}

/**
 * Kafka's ProducerPerformance prints a line every 5 s and one summary line at the end:
 *   100000 records sent, 73046.018992 records/sec (27.87 MB/sec), 12.61 ms avg latency, 301.00 ms max latency,
 *   2 ms 50th, 45 ms 95th, 60 ms 99th, 70 ms 99.9th.
 */
export function parseProducerPerformance(output) {
  const summary = output
    .split('\n')
    .reverse()
    .map((line) =>
      /([\d]+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th, (\d+) ms 99\.9th/.exec(
        line,
      ),
    )
    .find(Boolean);
  if (!summary) throw new Error(`ProducerPerformance output without a summary line:\n${output}`);
  const [, records, perSec, mbPerSec, avgMs, maxMs, p50, p95, p99, p999] = summary.map(Number);
  return { records, recordsPerSec: perSec, mbPerSec, avgMs, maxMs, p50, p95, p99, p999 };
}
