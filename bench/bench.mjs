#!/usr/bin/env node
// npm run bench — the project's figures beside raw bounds measured in the same run, with the ratio
// of each, in one table (issue 14). On a shared 2-core box absolute figures are noisy; the ratio to a
// bound measured minutes apart on the same box is what to compare between runs.
//
//   pgbench   raw bound 1: the carrier write set in PostgreSQL alone (bench/bounds/pgbench.mjs)
//   kafka     raw bound 2: Kafka's ProducerPerformance, same version as the broker (bench/bounds/kafka-producer.mjs)
//   http      raw bound 3: node:http with no framework, and GET /health/live on a service (bench/phases/http.mjs)
//   ingest    the carrier API under load: idle, single, batch, fixed rate, drain (bench/phases/ingest.mjs,
//             also `npm run bench:ingest`)
//   relay     the outbox relay publishing a backlog (bench/phases/relay.mjs)
//   e2e       post accepted → webhook received at fixed rates (bench/phases/e2e.mjs, also `npm run bench:e2e`)
//   soak      each service's RSS across a long run of batched events (bench/phases/soak.mjs);
//             only with --soak or --phases soak
//
// Options: --duration <s> per load step (20), --phases <list> (all but soak), --quick (a short run to
// check the harness: 5 s steps, fewer shipments, e2e at 50/s only), --shipments <n> (2000), --e2e-rates
// <list> (50,200), --preload <n>[,<n>…] (stored shipments before the load: seeded copies of a booked one;
// the ingest's single and batch steps run at each level, its other steps at the last, and pgbench
// seeds the last), --soak <events> (adds the soak phase: that many events; 1,000,000 when only named
// in --phases, 20,000 with --quick).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runKafkaBound } from './bounds/kafka-producer.mjs';
import { runPgbenchBound } from './bounds/pgbench.mjs';
import { figureRows, TABLE_HEADER } from './lib/figures.mjs';
import { describeMachine, machineInfo, revision } from './lib/machine.mjs';
import { drainSeconds, sampleRss } from './lib/pipeline.mjs';
import { preloader } from './lib/preload.mjs';
import { benchKeys, bookDepartedShipments } from './lib/shipments.mjs';
import { markdownTable } from './lib/table.mjs';
import { TARGETS } from './lib/targets.mjs';
import { E2E_ENV, runE2e, startWebhookReceiver, subscribe } from './phases/e2e.mjs';
import { runHttp } from './phases/http.mjs';
import { INGEST_STEPS, runIngest } from './phases/ingest.mjs';
import { runRelay } from './phases/relay.mjs';
import { runSoak } from './phases/soak.mjs';
import { log, repo, sleep, withBenchStack } from './stack.mjs';

const PHASES = ['pgbench', 'kafka', 'http', 'ingest', 'relay', 'e2e', 'soak'];
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string' },
    phases: { type: 'string' },
    quick: { type: 'boolean', default: false },
    shipments: { type: 'string' },
    'e2e-rates': { type: 'string' },
    preload: { type: 'string' },
    soak: { type: 'string' },
  },
});
const quick = args.quick;
const duration = Number(args.duration ?? (quick ? 5 : 20));
const shipments = Number(args.shipments ?? (quick ? 300 : 2000));
const e2eRates = (args['e2e-rates'] ?? (quick ? '50' : '50,200')).split(',').map(Number);
const phases = (args.phases ?? PHASES.filter((p) => p !== 'soak' || args.soak).join(','))
  .split(',')
  .map((p) => p.trim());
for (const phase of phases)
  if (!PHASES.includes(phase)) throw new Error(`unknown phase ${phase} (phases: ${PHASES.join(', ')})`);
/** Stored shipments at each level, ascending (none: the bookings alone). */
const levels = [...new Set((args.preload ?? '').split(',').filter(Boolean).map(Number))].sort((a, b) => a - b);
if (levels.some((level) => !Number.isInteger(level) || level < 0))
  throw new Error(`--preload takes counts of stored shipments, as in 10000,1000000 (got ${args.preload})`);
const soakEvents = Number(args.soak ?? (quick ? 20_000 : 1_000_000));
const connections = 64;
const chosen = (phase) => phases.includes(phase);

const started = Date.now();
/** A phase's heading, with the time since the start (the run's own cost shows where to trim). */
const heading = (text) => log(`${text} [${Math.round((Date.now() - started) / 1000)} s]`);

async function main() {
  const machine = machineInfo();
  log(`npm run bench${quick ? ' --quick' : ''} — ${describeMachine(machine)}`);
  const preload = levels.length ? `; preload to ${levels.join(', ')} stored` : '';
  const soakRun = chosen('soak') ? `; soak of ${soakEvents} events` : '';
  log(
    `  phases ${phases.join(', ')}; ${duration} s per load step; ${shipments} shipments${preload}${soakRun}; ` +
      'everything on this box (Kafka, Postgres, Redis, the services, the load generators)\n',
  );
  execFileSync(process.execPath, [join(repo, 'infra/infra.mjs'), 'up'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const results = {};

  if (chosen('pgbench')) {
    heading('pgbench (raw bound 1)');
    results.pgbench = await runPgbenchBound({ duration, shipments: levels.at(-1) ?? shipments, log });
  }
  if (chosen('kafka')) {
    heading('Kafka ProducerPerformance (raw bound 2)');
    results.kafka = await runKafkaBound({
      partitions: 6,
      records: quick ? 50_000 : Math.max(100_000, 25_000 * duration),
      latencyRate: 200,
      latencySeconds: duration,
      log,
    });
  }
  if (chosen('http') || chosen('ingest') || chosen('soak')) {
    await withBenchStack({}, async (stack) => {
      if (chosen('http')) {
        heading('HTTP (raw bound 3), idle stack');
        results.http = await runHttp(stack, { duration, connections, log });
      }
      if (!chosen('ingest') && !chosen('soak')) return;
      heading(`booking ${shipments} shipments`);
      const { shipper, carrier } = benchKeys(stack);
      const booked = await bookDepartedShipments(stack, { count: shipments, shipper, carrier });
      await drainSeconds(stack);
      const store = preloader(stack, { template: booked[0], booked, log });
      const ingest = {
        carrier,
        duration,
        connections,
        rate: TARGETS.acceptP99Rate,
        batchSize: 500,
        idleRequests: quick ? 50 : 200,
        log,
      };
      if (chosen('ingest') && levels.length === 0) {
        heading('ingest');
        results.ingest = await runIngest(stack, { ...ingest, ids: booked });
      }
      if (chosen('ingest') && levels.length > 0) {
        results.levels = [];
        const peak = {};
        for (const [index, level] of levels.entries()) {
          heading(`ingest at ${level} stored shipments`);
          const last = index === levels.length - 1;
          const ids = await store.fill(level);
          const run = await runIngest(stack, {
            ...ingest,
            ids,
            label: `${level}-`,
            steps: last ? INGEST_STEPS : ['single', 'batch'],
          });
          for (const [name, mb] of Object.entries(run.rssMb)) peak[name] = Math.max(peak[name] ?? 0, mb);
          results.levels.push({ stored: level, single: run.steps.single, batch: run.steps.batch });
          if (last) results.ingest = { ...run, stored: level, rssMb: peak };
        }
      }
      if (chosen('soak')) {
        heading(`soak: ${soakEvents} events`);
        const ids = levels.length ? await store.fill(levels.at(-1)) : booked;
        results.soak = await runSoak(stack, { ids, carrier, events: soakEvents, batchSize: 500, log });
      }
    });
  }
  if (chosen('relay')) {
    heading('relay (shipments service alone)');
    results.relay = await withBenchStack({ services: ['shipments'] }, (stack) =>
      runRelay(stack, { events: quick ? 10_000 : 50_000, log }),
    );
  }
  if (chosen('e2e')) {
    heading('e2e');
    results.e2e = await withBenchStack({ env: E2E_ENV }, async (stack) => {
      const receiver = await startWebhookReceiver();
      try {
        const { shipper, carrier } = benchKeys(stack);
        await subscribe(stack, receiver, shipper);
        const ids = await bookDepartedShipments(stack, { count: quick ? 100 : 200, shipper, carrier });
        await drainSeconds(stack);
        await sleep(1000);
        const runs = [];
        for (const rate of e2eRates) {
          const memory = sampleRss(stack);
          const run = await runE2e(stack, { ids, carrier, receiver, rate, duration, log });
          runs.push({ ...run, rssMb: memory.stop() });
        }
        return runs;
      } finally {
        receiver.server.close();
      }
    });
  }

  log(`\n${markdownTable(TABLE_HEADER, figureRows(results))}\n`);
  log(`machine: ${describeMachine(machine)}, ${machineInfo().loadAverage.toFixed(2)} at the end`);
  log(
    `conditions: everything on this box; ${revision()} built, services in production mode (LOG_LEVEL=warn), ` +
      `one instance each, private database/topics/queues per stack; ${duration} s per load step; ` +
      `${shipments} shipments booked for ` +
      `ingest${levels.length ? `, stored shipments preloaded to ${levels.join(', ')}` : ''}; ` +
      `total ${Math.round((Date.now() - started) / 1000)} s`,
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
