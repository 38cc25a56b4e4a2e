// `npm run bench:scale`'s configurations and table (pure): which shapes of the system to measure
// (instances per service × Kafka brokers), and each figure beside the raw bound measured in the same
// run, its ratio, and how it moved against one instance on one broker.
import { formatNumber as n, formatRatio } from './table.mjs';

export const SCALE_HEADER = [
  'configuration',
  'figure',
  'the project (whole system)',
  'raw bound (the part alone, same run)',
  'ratio',
  'vs 1×1',
];

/**
 * "1x1,2x3" → [{ instances: 1, brokers: 1, label: '1×1' }, …]: instances per service × Kafka brokers,
 * ordered by brokers (each cluster is started once) and kept in the given order within a cluster.
 */
export function parseConfigs(text) {
  const configs = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(\d+)x(\d+)$/i.exec(part);
      const [instances, brokers] = match ? [Number(match[1]), Number(match[2])] : [];
      if (!match || instances < 1 || brokers < 1 || brokers > 5)
        throw new Error(
          `--configs takes <instances>x<brokers> pairs, as in 1x1,2x3 (instances ≥ 1, brokers 1–5); got "${part}"`,
        );
      return { instances, brokers, label: `${instances}×${brokers}` };
    });
  if (configs.length === 0) throw new Error('--configs names no configuration');
  const unique = configs.filter((c, i) => configs.findIndex((o) => o.label === c.label) === i);
  return unique
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.brokers - b.c.brokers || a.i - b.i)
    .map(({ c }) => c);
}

/** CPU per part with the instances of a service added up ("shipments 1" + "shipments 2" → shipments). */
export function foldInstances(perPart) {
  const folded = {};
  for (const [part, us] of Object.entries(perPart)) {
    const name = part.replace(/ \d+$/, '');
    folded[name] = (folded[name] ?? 0) + us;
  }
  return folded;
}

/** "+85 %" / "−12 %" of `value` against `base` (a rate: more is better; a latency: the sign says which way). */
function change(base, value) {
  if (![base, value].every((v) => typeof v === 'number' && Number.isFinite(v)) || base <= 0) return '–';
  const percent = ((value - base) / base) * 100;
  const magnitude = Math.abs(percent) < 10 ? Math.round(Math.abs(percent) * 10) / 10 : Math.round(Math.abs(percent));
  return `${percent < 0 ? '−' : '+'}${magnitude} %`;
}

const ms = (value) => (typeof value === 'number' && Number.isFinite(value) ? `${n(value)} ms` : '–');

/**
 * @param {{
 *   pgbench?: { single: { tps: number }, batch: { eventsPerSec: number }, clients: number, batchSize: number },
 *   kafka?: Record<number, {
 *     throughput: { recordsPerSec: number, p50: number, p99: number },
 *     latency: { p50: number, p99: number }, latencyRate: number
 *   }>,
 *   runs: {
 *     label: string, instances: number, brokers: number,
 *     single?: { eventsPerSec: number, p50: number, cpu?: { perPart: Record<string, number>, total: number } },
 *     batch?: { eventsPerSec: number, cpu?: { perPart: Record<string, number>, total: number } },
 *     batchSize: number, connections: number,
 *     e2e?: {
 *       rate: number, p50: number, p99: number, missing: number, doubled: number, acceptedPerSec: number,
 *       stages?: { onKafka?: [number, number] }
 *     }
 *   }[]
 * }} results
 * @returns {string[][]} rows in SCALE_HEADER's order
 */
export function scaleRows({ pgbench, kafka = {}, runs }) {
  const rows = [];
  const base = runs.find((run) => run.instances === 1 && run.brokers === 1);
  const vsBase = (run, pick) => (run === base || !base ? '' : change(pick(base), pick(run)));

  if (pgbench) {
    rows.push([
      'raw',
      'carrier write set, 1 event/tx',
      '',
      `${n(pgbench.single.tps)} tx/s (pgbench, ${pgbench.clients} clients)`,
      '',
      '',
    ]);
    rows.push([
      'raw',
      `carrier write set, ${pgbench.batchSize} events/tx`,
      '',
      `${n(pgbench.batch.eventsPerSec)} events/s (pgbench)`,
      '',
      '',
    ]);
  }
  const sizes = Object.keys(kafka)
    .map(Number)
    .sort((a, b) => a - b);
  for (const size of sizes) {
    const bound = kafka[size];
    const one = size === 1 ? undefined : kafka[1];
    const acks = size === 1 ? 'acks=all, 1 replica' : `acks=all, ${Math.min(3, size)} replicas`;
    rows.push([
      `raw, ${size} broker${size === 1 ? '' : 's'}`,
      `Kafka producer throughput (${acks})`,
      '',
      `${n(bound.throughput.recordsPerSec)} records/s (ProducerPerformance)`,
      one ? `${formatRatio('rate', one.throughput.recordsPerSec, bound.throughput.recordsPerSec)} of 1 broker` : '',
      '',
    ]);
    rows.push([
      `raw, ${size} broker${size === 1 ? '' : 's'}`,
      `Kafka producer latency at ${n(bound.latencyRate)} records/s`,
      '',
      `p50 ${ms(bound.latency.p50)}, p99 ${ms(bound.latency.p99)}`,
      one ? `p50 ${formatRatio('latency', one.latency.p50, bound.latency.p50)} of 1 broker` : '',
      '',
    ]);
  }
  for (const run of runs) {
    const config = `${run.instances} instance${run.instances === 1 ? '' : 's'} × ${run.brokers} broker${
      run.brokers === 1 ? '' : 's'
    }`;
    const bound = kafka[run.brokers];
    if (run.single)
      rows.push([
        config,
        `single POSTs/s (${run.connections} connections)`,
        `${n(run.single.eventsPerSec)}/s (p50 ${ms(run.single.p50)})`,
        pgbench ? `${n(pgbench.single.tps)} tx/s` : '–',
        formatRatio('rate', pgbench?.single.tps, run.single.eventsPerSec),
        vsBase(run, (r) => r.single?.eventsPerSec),
      ]);
    if (run.batch)
      rows.push([
        config,
        `batched events/s (${run.batchSize} per request)`,
        `${n(run.batch.eventsPerSec)}/s`,
        pgbench ? `${n(pgbench.batch.eventsPerSec)} events/s` : '–',
        formatRatio('rate', pgbench?.batch.eventsPerSec, run.batch.eventsPerSec),
        vsBase(run, (r) => r.batch?.eventsPerSec),
      ]);
    const e2e = run.e2e;
    if (e2e) {
      for (const [q, i] of [
        ['p50', 0],
        ['p99', 1],
      ]) {
        const onKafka = e2e.stages?.onKafka?.[i];
        rows.push([
          config,
          `accepted → on Kafka ${q} at ${n(e2e.rate)}/s`,
          ms(onKafka),
          bound ? `${ms(bound.latency[q])} (producer at ${n(bound.latencyRate)}/s)` : '–',
          formatRatio('latency', bound?.latency[q], onKafka),
          vsBase(run, (r) => r.e2e?.stages?.onKafka?.[i]),
        ]);
      }
      rows.push([
        config,
        `post accepted → webhook p50 / p99 at ${n(e2e.rate)}/s`,
        `${ms(e2e.p50)} / ${ms(e2e.p99)} (${n(e2e.acceptedPerSec)}/s accepted); missing ${e2e.missing}, ` +
          `doubled ${e2e.doubled}`,
        '',
        '',
        base && run !== base ? `p50 ${vsBase(run, (r) => r.e2e?.p50)}, p99 ${vsBase(run, (r) => r.e2e?.p99)}` : '',
      ]);
    }
    for (const [step, label] of [
      ['single', 'single POSTs'],
      ['batch', 'batched'],
    ]) {
      const cpu = run[step]?.cpu;
      if (!cpu) continue;
      const parts = Object.entries(foldInstances(cpu.perPart))
        .sort((a, b) => b[1] - a[1])
        .map(([part, us]) => `${part} ${n(us)}`)
        .join(', ');
      rows.push([config, `CPU µs per event, ${label}`, `${n(cpu.total)}: ${parts}`, '', '', '']);
    }
  }
  return rows;
}
