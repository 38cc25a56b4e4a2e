import { parsePgbench, parseProducerPerformance } from '../../bench/lib/parse.mjs';

describe('parsePgbench', () => {
  it('reads the steady rate, latency and failures of PostgreSQL 15 pgbench', () => {
    const output = [
      'pgbench (15.20 (Debian 15.20-0+deb12u1))',
      'transaction type: /tmp/bench-pgbench-x/carrier-event.sql',
      'query mode: prepared',
      'number of clients: 32',
      'number of threads: 2',
      'maximum number of tries: 1',
      'duration: 20 s',
      'number of transactions actually processed: 76024',
      'number of failed transactions: 3 (0.004%)',
      'latency average = 8.402 ms',
      'initial connection time = 20.114 ms',
      'tps = 3801.223391 (without initial connection time)',
    ].join('\n');
    expect(parsePgbench(output)).toEqual({ transactions: 76024, failed: 3, latencyAvgMs: 8.402, tps: 3801.223391 });
  });

  it('takes the rate without connection time from older pgbench, which prints two', () => {
    const output = [
      'number of transactions actually processed: 1000',
      'latency average = 2.000 ms',
      'tps = 480.0 (including connections establishing)',
      'tps = 500.0 (excluding connections establishing)',
    ].join('\n');
    expect(parsePgbench(output)).toMatchObject({ tps: 500, failed: 0 });
  });

  it('refuses output without a rate (pgbench failed half way)', () => {
    expect(() => parsePgbench('number of transactions actually processed: 10\nlatency average = 1 ms\n')).toThrow(
      /tps/,
    );
  });
});

describe('parseProducerPerformance', () => {
  it('reads the summary line, not the progress lines before it', () => {
    const output = [
      '251563 records sent, 50302.5 records/sec (19.19 MB/sec), 380.2 ms avg latency, 602.0 ms max latency.',
      '125000 records sent, 50916.089613 records/sec (19.42 MB/sec), 371.95 ms avg latency, 602.00 ms max latency, ' +
        '378 ms 50th, 520 ms 95th, 534 ms 99th, 590 ms 99.9th.',
      '',
    ].join('\n');
    expect(parseProducerPerformance(output)).toEqual({
      records: 125000,
      recordsPerSec: 50916.089613,
      mbPerSec: 19.42,
      avgMs: 371.95,
      maxMs: 602,
      p50: 378,
      p95: 520,
      p99: 534,
      p999: 590,
    });
  });

  it('refuses output that has only progress lines', () => {
    expect(() =>
      parseProducerPerformance(
        '1000 records sent, 200.0 records/sec (0.08 MB/sec), 2.0 ms avg latency, 40.0 ms max latency.\n',
      ),
    ).toThrow(/summary/);
  });
});
