#!/usr/bin/env node
// npm run bench:ingest — how fast carriers can post, with the whole system on this box; the
// `ingest` phase of `npm run bench` run on its own (see bench/phases/ingest.mjs).
//
// It starts the three built services as in production on a private database, topic prefix and
// BullMQ prefix (bench/stack.mjs), books shipments and loads the carrier API. The broker, Postgres,
// Redis, the services and this load generator all share the same CPUs.
import { parseArgs } from 'node:util';
import { describeMachine, machineInfo } from './lib/machine.mjs';
import { benchKeys, bookDepartedShipments } from './lib/shipments.mjs';
import { TARGETS } from './lib/targets.mjs';
import { INGEST_STEPS, runIngest } from './phases/ingest.mjs';
import { log, runBench } from './stack.mjs';
import { drainSeconds } from './lib/pipeline.mjs';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    shipments: { type: 'string', default: '2000' },
    phase: { type: 'string', default: 'all' },
    connections: { type: 'string', default: '64' },
    rate: { type: 'string', default: String(TARGETS.acceptP99Rate) },
  },
});
const options = {
  duration: Number(args.duration),
  connections: Number(args.connections),
  rate: Number(args.rate),
  batchSize: 500,
  idleRequests: 200,
  steps: args.phase === 'all' ? INGEST_STEPS : args.phase.split(','),
  log,
};

runBench({ ports: 'free' }, async (stack) => {
  log(`bench:ingest — ${describeMachine(machineInfo())}`);
  log(
    `  everything on this box: Kafka, Postgres, Redis, 3 services (production mode, LOG_LEVEL=warn), ` +
      `this load generator`,
  );
  log(
    `  ${args.shipments} shipments, ${options.duration} s per phase, single-event phase over ${options.connections} ` +
      `connections\n`,
  );
  const { shipper, carrier } = benchKeys(stack);
  const ids = await bookDepartedShipments(stack, { count: Number(args.shipments), shipper, carrier });
  await drainSeconds(stack);
  log('load:');
  const { steps, drainSec } = await runIngest(stack, { ...options, ids, carrier });
  log('\nsummary:');
  const line = (what, value, target, met) =>
    log(`  ${what.padEnd(44)} ${String(value).padStart(9)}   target ${target.padEnd(10)} ${met ? 'met' : 'MISSED'}`);
  if (steps.idle)
    line(
      'carrier POST on an idle system, p50 (ms)',
      steps.idle.p50,
      `≤ ${TARGETS.idleP50Ms}`,
      steps.idle.p50 <= TARGETS.idleP50Ms,
    );
  if (steps.single)
    line(
      `single-event POSTs/s (${options.connections} connections)`,
      steps.single.eventsPerSec,
      `≥ ${TARGETS.singlePostsPerSec}`,
      steps.single.eventsPerSec >= TARGETS.singlePostsPerSec,
    );
  if (steps.batch)
    line(
      'events/s through the batch endpoint',
      steps.batch.eventsPerSec,
      `≥ ${TARGETS.batchEventsPerSec}`,
      steps.batch.eventsPerSec >= TARGETS.batchEventsPerSec,
    );
  if (steps.rate)
    line(
      `p99 accept latency at ${options.rate} events/s (ms)`,
      steps.rate.p99,
      `≤ ${TARGETS.acceptP99Ms}`,
      steps.rate.p99 <= TARGETS.acceptP99Ms,
    );
  line('lag back to 0 after the load (s)', drainSec.toFixed(1), `≤ ${TARGETS.drainSec}`, drainSec <= TARGETS.drainSec);
});
