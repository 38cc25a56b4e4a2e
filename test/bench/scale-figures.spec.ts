import { foldInstances, parseConfigs, SCALE_HEADER, scaleRows } from '../../bench/lib/scale-figures.mjs';

describe('bench:scale configurations', () => {
  it('reads <instances>x<brokers> pairs, grouped by brokers so each cluster starts once, without repeats', () => {
    expect(parseConfigs('2x3, 1x1,1x3,2x1,1x1').map((c) => c.label)).toEqual(['1×1', '2×1', '2×3', '1×3']);
    expect(parseConfigs('2x3')).toEqual([{ instances: 2, brokers: 3, label: '2×3' }]);
  });

  it('refuses what is not a configuration', () => {
    for (const text of ['', '2', '0x1', '1x0', '1x6', 'ax3', '1x3x2'])
      expect(() => parseConfigs(text)).toThrow(/--configs/);
  });
});

describe('bench:scale table', () => {
  it('adds up the instances of a service, leaving the other parts as they are', () => {
    expect(foldInstances({ 'shipments 1': 300, 'shipments 2': 200, postgres: 400, balancer: 50 })).toEqual({
      shipments: 500,
      postgres: 400,
      balancer: 50,
    });
  });

  it('sets each figure beside its raw bound and against one instance on one broker', () => {
    const kafkaBound = (recordsPerSec: number, p50: number, p99: number) => ({
      throughput: { recordsPerSec, p50: 1, p99: 2 },
      latency: { p50, p99 },
      latencyRate: 100,
    });
    const run = (instances: number, brokers: number, single: number, p50: number) => ({
      label: `${instances}×${brokers}`,
      instances,
      brokers,
      connections: 64,
      batchSize: 500,
      single: {
        eventsPerSec: single,
        p50: 30,
        cpu: { perPart: { 'shipments 1': 400, 'shipments 2': 100 }, total: 500 },
      },
      batch: { eventsPerSec: 5000 },
      e2e: { rate: 100, p50, p99: 2 * p50, missing: 0, doubled: 0, acceptedPerSec: 100, stages: { onKafka: [4, 8] } },
    });
    const rows = scaleRows({
      pgbench: { single: { tps: 4000 }, batch: { eventsPerSec: 20_000 }, clients: 32, batchSize: 100 },
      kafka: { 1: kafkaBound(100_000, 2, 4), 3: kafkaBound(50_000, 4, 10) },
      runs: [run(1, 1, 1000, 20), run(2, 3, 800, 30)],
    });
    expect(rows.every((row) => row.length === SCALE_HEADER.length)).toBe(true);
    const find = (config: string, figure: string) => rows.find((r) => r[0] === config && r[1].startsWith(figure));

    expect(find('raw, 3 brokers', 'Kafka producer throughput')).toEqual([
      'raw, 3 brokers',
      'Kafka producer throughput (acks=all, 3 replicas)',
      '',
      '50,000 records/s (ProducerPerformance)',
      '50 % of 1 broker',
      '',
    ]);
    expect(find('1 instance × 1 broker', 'single POSTs/s')?.slice(2)).toEqual([
      '1,000/s (p50 30 ms)',
      '4,000 tx/s',
      '25 %',
      '',
    ]);
    expect(find('2 instances × 3 brokers', 'single POSTs/s')?.slice(4)).toEqual(['20 %', '−20 %']);
    expect(find('2 instances × 3 brokers', 'accepted → on Kafka p99')?.slice(2)).toEqual([
      '8 ms',
      '10 ms (producer at 100/s)',
      '×0.8',
      '+0 %',
    ]);
    expect(find('2 instances × 3 brokers', 'post accepted → webhook')?.slice(2)).toEqual([
      '30 ms / 60 ms (100/s accepted); missing 0, doubled 0',
      '',
      '',
      'p50 +50 %, p99 +50 %',
    ]);
    expect(find('2 instances × 3 brokers', 'CPU µs per event, single')?.[2]).toBe('500: shipments 500');
  });
});
