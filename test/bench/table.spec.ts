import { figureRows, TABLE_HEADER } from '../../bench/lib/figures.mjs';
import {
  formatChange,
  formatFlat,
  formatNumber,
  formatRatio,
  formatTarget,
  markdownTable,
} from '../../bench/lib/table.mjs';

describe('formatRatio', () => {
  it('gives a rate as the share of its bound reached', () => {
    expect(formatRatio('rate', 3801, 237)).toBe('6.2 %');
    expect(formatRatio('rate', 38_000, 6_100)).toBe('16 %');
    expect(formatRatio('rate', 100, 250)).toBe('250 %');
  });

  it('gives a latency as how many times its bound it takes', () => {
    expect(formatRatio('latency', 2, 104)).toBe('×52');
    expect(formatRatio('latency', 45, 200)).toBe('×4.4');
  });

  it('has no ratio when a side is missing or the bound is zero', () => {
    expect(formatRatio('rate', undefined, 200)).toBe('–');
    expect(formatRatio('rate', 200, undefined)).toBe('–');
    expect(formatRatio('latency', 0, 12)).toBe('–');
    expect(formatRatio('rate', Infinity, 12)).toBe('–');
  });
});

describe('formatNumber and formatTarget', () => {
  it('groups thousands and keeps one decimal below 10', () => {
    expect(formatNumber(76_024.4)).toBe('76,024');
    expect(formatNumber(4.56)).toBe('4.6');
    expect(formatNumber(5)).toBe('5');
    expect(formatNumber(undefined)).toBe('–');
  });

  it('says whether a figure meets its target, in the right direction', () => {
    expect(formatTarget({ atLeast: 1500, unit: '/s' }, 1500)).toBe('≥ 1,500/s met');
    expect(formatTarget({ atLeast: 1500, unit: '/s' }, 237)).toBe('≥ 1,500/s MISSED');
    expect(formatTarget({ atMost: 50, unit: 'ms p99' }, 51)).toBe('≤ 50 ms p99 MISSED');
    expect(formatTarget({ atMost: 10, unit: 's' }, Infinity)).toBe('≤ 10 s MISSED');
    expect(formatTarget({ atMost: 10, unit: 's' }, undefined)).toBe('≤ 10 s');
  });
});

describe('formatFlat and formatChange', () => {
  it('judges every change against ± the limit', () => {
    expect(formatFlat(10, [-9.9, 4])).toBe('within ±10 % met');
    expect(formatFlat(10, [-3, 12])).toBe('within ±10 % MISSED');
    expect(formatFlat(10, [-3, undefined])).toBe('within ±10 %');
  });

  it('signs a change', () => {
    expect(formatChange(4.24)).toBe('+4.2 %');
    expect(formatChange(-12.4)).toBe('−12 %');
    expect(formatChange(undefined)).toBe('–');
  });
});

describe('markdownTable', () => {
  it('pads every column to its widest cell', () => {
    expect(markdownTable(['a', 'bb'], [['ccc', 'd']]).split('\n')).toEqual([
      '| a   | bb |',
      '|-----|----|',
      '| ccc | d  |',
    ]);
  });
});

describe('figureRows', () => {
  const results = {
    pgbench: { single: { tps: 3801 }, batch: { eventsPerSec: 76_000 }, clients: 32, batchSize: 100 },
    kafka: { throughput: { recordsPerSec: 73_000 }, latency: { p50: 2, p99: 45 }, latencyRate: 200, recordBytes: 400 },
    http: { node: { requestsPerSec: 38_000 }, live: { requestsPerSec: 6_100 }, connections: 64 },
    ingest: {
      connections: 64,
      rate: 500,
      batchSize: 500,
      drainSec: Infinity,
      rssMb: { shipments: 150, customs: 120 },
      steps: {
        idle: { p50: 17.8, min: 11.5 },
        single: { eventsPerSec: 237, p50: 259 },
        batch: { eventsPerSec: 3444 },
        rate: { eventsPerSec: 480, p50: 30, p99: 45 },
      },
    },
    relay: { perSec: 7300, events: 50_000 },
    e2e: [
      {
        rate: 50,
        p50: 242,
        p99: 497,
        accepted: 960,
        acceptedPerSec: 48,
        missing: 0,
        doubled: 0,
        stages: { onKafka: [104, 300] },
        rssMb: { notifications: 210 },
      },
    ],
  };
  const byFigure = (rows: string[][]) => new Map(rows.map((row) => [row[0], row]));

  it('puts each project figure beside its bound with their ratio', () => {
    const rows = byFigure(figureRows(results));
    expect(rows.get('carrier write set, 1 event per transaction')?.slice(3)).toEqual(['6.2 %', '≥ 1,500/s MISSED']);
    expect(rows.get('carrier write set, batched')?.[3]).toBe('4.5 %');
    expect(rows.get('Kafka producer throughput (acks=all, idempotent)')?.[3]).toBe('10 %');
    expect(rows.get('Kafka producer latency p50 vs accepted → on Kafka at 50/s offered')?.slice(1, 4)).toEqual([
      '2 ms at 200 records/s',
      '104 ms',
      '×52',
    ]);
    expect(rows.get('Kafka producer latency p99 vs accepted → on Kafka at 50/s offered')?.[3]).toBe('×6.7');
    expect(rows.get('HTTP requests/s (64 connections)')?.[3]).toBe('16 %');
    expect(rows.get('accept latency at 500 events/s offered')?.[4]).toBe('≤ 50 ms p99 met');
    expect(rows.get('consumer lag back to 0 after the load')?.slice(2)).toEqual([
      'not within 120 s',
      '',
      '≤ 10 s MISSED',
    ]);
    expect(rows.get('post accepted → webhook received at 50/s offered')?.slice(2)).toEqual([
      'p50 242 ms, p99 497 ms (48/s accepted); missing 0, doubled 0',
      '',
      'p50 ≤ 20 ms MISSED; p99 ≤ 100 ms MISSED',
    ]);
    // The peak over every phase, per service.
    expect(rows.get('peak RSS per service')?.slice(2)).toEqual([
      'shipments 150, customs 120, notifications 210 MB',
      '',
      '≤ 200 MB MISSED',
    ]);
    for (const row of rows.values()) expect(row).toHaveLength(TABLE_HEADER.length);
  });

  it('compares throughput at each preload level with the first, and says at what size bound and system ran', () => {
    const levels = [
      { stored: 10_000, single: { eventsPerSec: 1000 }, batch: { eventsPerSec: 20_000 } },
      { stored: 1_000_000, single: { eventsPerSec: 950 }, batch: { eventsPerSec: 17_000 } },
    ];
    const rows = byFigure(
      figureRows({
        ...results,
        pgbench: { ...results.pgbench, shipments: 1_000_000 },
        ingest: { ...results.ingest, stored: 1_000_000 },
        levels,
      }),
    );
    expect(rows.get('carrier write set, 1 event per transaction, 1,000,000 stored shipments')?.[1]).toBe(
      '3,801 tx/s (pgbench, 32 clients, 1,000,000 shipments)',
    );
    expect(rows.get('carrier API at 10,000 stored shipments')?.[2]).toBe(
      '1,000 single POSTs/s, 20,000 batched events/s',
    );
    expect(rows.get('throughput at 1,000,000 vs 10,000 stored shipments')?.slice(2)).toEqual([
      'single −5 %, batched −15 %',
      '',
      'flat: within ±10 % MISSED',
    ]);
  });

  it('reports the memory of each service across the soak against the limit and its growth', () => {
    const soak = {
      events: 1_000_000,
      eventsPerSec: 4000,
      sendingSec: 250,
      batchSize: 500,
      drainSec: 12,
      rss: { shipments: { startMb: 120, peakMb: 180, endMb: 150, firstMb: 140, lastMb: 150, growthPercent: 7.1 } },
      rssMb: { shipments: 180, customs: 230 },
    };
    const rows = byFigure(figureRows({ soak }));
    expect(rows.get('soak: 1,000,000 events through the batch endpoint')?.[2]).toBe(
      '4,000 events/s over 250 s (500 per request); drained in 12 s',
    );
    expect(rows.get('RSS across the soak: shipments')?.slice(2)).toEqual([
      'start 120, peak 180, end 150 MB; first → last 10 %: 140 → 150 MB (+7.1 %)',
      '',
      '≤ 200 MB met; flat: ≤ 10 % growth met',
    ]);
    expect(rows.get('peak RSS per service')?.[2]).toBe('shipments 180, customs 230 MB');
  });

  it('leaves dashes, not made-up ratios, for phases that did not run', () => {
    const rows = byFigure(figureRows({ ingest: results.ingest }));
    expect(rows.get('carrier write set, 1 event per transaction')?.slice(1, 4)).toEqual([
      '–',
      '237 single POSTs/s (p50 259 ms, 64 connections)',
      '–',
    ]);
    expect(rows.get('Kafka producer latency p50 vs accepted → on Kafka')?.slice(1, 4)).toEqual(['–', '–', '–']);
    expect(rows.get('post accepted → webhook received')?.[2]).toBe('–');
  });
});
