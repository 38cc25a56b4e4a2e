// The rows of `npm run bench`'s table (pure): each project figure beside the raw bound measured in
// the same run, their ratio and issue 14's target. A phase that did not run leaves a dash.
import { formatChange, formatFlat, formatNumber as n, formatRatio, formatTarget } from './table.mjs';
import { TARGETS } from './targets.mjs';
import { changePercent } from './trend.mjs';

export const TABLE_HEADER = ['figure', 'raw bound (the part alone)', 'the project (whole system)', 'ratio', 'target'];

const ms = (value) => (value === undefined ? '–' : `${n(value)} ms`);

/**
 * @param {{
 *   pgbench?: any, kafka?: any, http?: any, ingest?: any, levels?: any[], relay?: any, e2e?: any[], soak?: any
 * }} results as the phases return them; `levels`: the ingest's single and batch steps at each `--preload` level
 *   ({ stored, single, batch }), the last of which is `ingest` (with `stored`)
 * @returns {string[][]} rows in TABLE_HEADER's order
 */
export function figureRows({ pgbench, kafka, http, ingest, levels = [], relay, e2e = [], soak }) {
  const steps = ingest?.steps ?? {};
  const rows = [];
  const row = (figure, bound, project, ratio, target) => rows.push([figure, bound, project, ratio, target]);
  const stored = ingest?.stored ? `, ${n(ingest.stored)} stored shipments` : '';
  const seeded = pgbench?.shipments ? `, ${n(pgbench.shipments)} shipments` : '';

  row(
    `carrier write set, 1 event per transaction${stored}`,
    pgbench ? `${n(pgbench.single.tps)} tx/s (pgbench, ${pgbench.clients} clients${seeded})` : '–',
    steps.single
      ? `${n(steps.single.eventsPerSec)} single POSTs/s (p50 ${ms(steps.single.p50)}, ` +
          `${ingest.connections} connections)`
      : '–',
    formatRatio('rate', pgbench?.single.tps, steps.single?.eventsPerSec),
    formatTarget({ atLeast: TARGETS.singlePostsPerSec, unit: '/s' }, steps.single?.eventsPerSec),
  );
  row(
    `carrier write set, batched${stored}`,
    pgbench ? `${n(pgbench.batch.eventsPerSec)} events/s (${pgbench.batchSize} per transaction)` : '–',
    steps.batch ? `${n(steps.batch.eventsPerSec)} events/s (batch endpoint, ${ingest.batchSize} per request)` : '–',
    formatRatio('rate', pgbench?.batch.eventsPerSec, steps.batch?.eventsPerSec),
    formatTarget({ atLeast: TARGETS.batchEventsPerSec, unit: '/s' }, steps.batch?.eventsPerSec),
  );
  for (const level of levels) {
    row(
      `carrier API at ${n(level.stored)} stored shipments`,
      '',
      `${n(level.single?.eventsPerSec)} single POSTs/s, ${n(level.batch?.eventsPerSec)} batched events/s`,
      '',
      '',
    );
  }
  for (const level of levels.slice(1)) {
    const changes = ['single', 'batch'].map((step) =>
      changePercent(levels[0][step]?.eventsPerSec, level[step]?.eventsPerSec),
    );
    row(
      `throughput at ${n(level.stored)} vs ${n(levels[0].stored)} stored shipments`,
      '',
      `single ${formatChange(changes[0])}, batched ${formatChange(changes[1])}`,
      '',
      `flat: ${formatFlat(TARGETS.flatPercent, changes)}`,
    );
  }
  for (const [step, label] of [
    ['single', 'single POSTs'],
    ['batch', 'batched'],
  ]) {
    const cpu = steps[step]?.cpu;
    if (!cpu) continue;
    const parts = Object.entries(cpu.perPart)
      .sort((a, b) => b[1] - a[1])
      .map(([part, us]) => `${part} ${n(us)}`)
      .join(', ');
    row(
      `CPU per event, ${label} (the step and its drain)`,
      '',
      `${n(cpu.total)} µs: ${parts}`,
      '',
      `the parts' CPU allows ${n(cpu.ceilingPerSec)}/s`,
    );
  }
  row(
    'Kafka producer throughput (acks=all, idempotent)',
    kafka ? `${n(kafka.throughput.recordsPerSec)} records/s (ProducerPerformance, ${kafka.recordBytes} B)` : '–',
    relay ? `${n(relay.perSec)} events/s (outbox relay, backlog of ${n(relay.events)})` : '–',
    formatRatio('rate', kafka?.throughput.recordsPerSec, relay?.perSec),
    '',
  );
  for (const run of e2e.length ? e2e : [undefined]) {
    const at = run ? ` at ${run.rate}/s offered` : '';
    for (const q of ['p50', 'p99']) {
      row(
        `Kafka producer latency ${q} vs accepted → on Kafka${at}`,
        kafka ? `${ms(kafka.latency[q])} at ${kafka.latencyRate} records/s` : '–',
        run?.stages?.onKafka ? ms(run.stages.onKafka[q === 'p50' ? 0 : 1]) : '–',
        formatRatio('latency', kafka?.latency[q], run?.stages?.onKafka?.[q === 'p50' ? 0 : 1]),
        '',
      );
    }
  }
  row(
    `HTTP requests/s (${http?.connections ?? 64} connections)`,
    http ? `${n(http.node.requestsPerSec)} req/s (node:http, no framework)` : '–',
    http ? `${n(http.live.requestsPerSec)} req/s (GET /health/live)` : '–',
    formatRatio('rate', http?.node.requestsPerSec, http?.live.requestsPerSec),
    formatTarget({ atLeast: TARGETS.healthLivePerSec, unit: '/s' }, http?.live.requestsPerSec),
  );
  row(
    'one carrier POST, idle system',
    '',
    steps.idle ? `p50 ${ms(steps.idle.p50)}, min ${ms(steps.idle.min)}` : '–',
    '',
    formatTarget({ atMost: TARGETS.idleP50Ms, unit: 'ms p50' }, steps.idle?.p50),
  );
  row(
    `accept latency at ${ingest?.rate ?? TARGETS.acceptP99Rate} events/s offered`,
    '',
    steps.rate
      ? `p50 ${ms(steps.rate.p50)}, p99 ${ms(steps.rate.p99)} (${n(steps.rate.eventsPerSec)}/s accepted)`
      : '–',
    '',
    (ingest?.rate ?? TARGETS.acceptP99Rate) === TARGETS.acceptP99Rate
      ? formatTarget({ atMost: TARGETS.acceptP99Ms, unit: 'ms p99' }, steps.rate?.p99)
      : '',
  );
  row(
    'consumer lag back to 0 after the load',
    '',
    ingest ? (Number.isFinite(ingest.drainSec) ? `${n(ingest.drainSec)} s` : 'not within 120 s') : '–',
    '',
    formatTarget({ atMost: TARGETS.drainSec, unit: 's' }, ingest ? ingest.drainSec : undefined),
  );
  for (const run of e2e.length ? e2e : [undefined]) {
    const target = TARGETS.webhook[run?.rate] ?? {};
    const judged = [
      target.p50 !== undefined ? `p50 ${formatTarget({ atMost: target.p50, unit: 'ms' }, run?.p50)}` : '',
      target.p99 !== undefined ? `p99 ${formatTarget({ atMost: target.p99, unit: 'ms' }, run?.p99)}` : '',
    ].filter(Boolean);
    row(
      `post accepted → webhook received${run ? ` at ${run.rate}/s offered` : ''}`,
      '',
      run
        ? `p50 ${ms(run.p50)}, p99 ${ms(run.p99)} (${n(run.acceptedPerSec)}/s accepted); missing ${run.missing}, ` +
            `doubled ${run.doubled}`
        : '–',
      '',
      judged.join('; '),
    );
  }
  const rss = { ...(ingest?.rssMb ?? {}) };
  for (const run of [...e2e, ...(soak ? [soak] : [])])
    for (const [name, mb] of Object.entries(run.rssMb ?? {})) rss[name] = Math.max(rss[name] ?? 0, mb);
  const peak = Object.values(rss).length ? Math.max(...Object.values(rss)) : undefined;
  row(
    'peak RSS per service',
    '',
    peak === undefined
      ? '–'
      : Object.entries(rss)
          .map(([name, mb]) => `${name} ${n(mb)}`)
          .join(', ') + ' MB',
    '',
    formatTarget({ atMost: TARGETS.rssMb, unit: 'MB' }, peak),
  );
  if (soak) {
    row(
      `soak: ${n(soak.events)} events through the batch endpoint`,
      '',
      `${n(soak.eventsPerSec)} events/s over ${n(soak.sendingSec)} s (${soak.batchSize} per request); ` +
        `${Number.isFinite(soak.drainSec) ? `drained in ${n(soak.drainSec)} s` : 'did not drain'}`,
      '',
      '',
    );
    for (const [name, trend] of Object.entries(soak.rss)) {
      row(
        `RSS across the soak: ${name}`,
        '',
        `start ${n(trend.startMb)}, peak ${n(trend.peakMb)}, end ${n(trend.endMb)} MB; first → last 10 %: ` +
          `${n(trend.firstMb)} → ${n(trend.lastMb)} MB (${formatChange(trend.growthPercent)})`,
        '',
        `${formatTarget({ atMost: TARGETS.rssMb, unit: 'MB' }, trend.peakMb)}; flat: ` +
          `${formatTarget({ atMost: TARGETS.rssGrowthPercent, unit: '% growth' }, trend.growthPercent)}`,
      );
    }
  }
  return rows;
}
