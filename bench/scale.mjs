#!/usr/bin/env node
// npm run bench:scale — the system scaled out on this box (issue 18): 1 and 2 instances of every
// service (behind the project's round-robin balancer, one address per service, as a Kubernetes
// Service puts one), on 1 Kafka broker and on a 3-broker cluster (replication factor 3,
// min.insync.replicas 2, producers with acks=all), each figure beside the raw bound of its part
// measured in the same run. This machine is shared and noisy: ratios hold, absolute figures drift.
// Every configuration shares the same 2 cores with Kafka, Postgres, Redis and the load generator, so
// a second instance adds no CPU: it shows what the extra processes, the balancer and replication cost.
//
//   raw bounds  pgbench on the carrier write set (bench/bounds/pgbench.mjs); Kafka ProducerPerformance
//               (acks=all, idempotent) against 1 broker and against the 3-broker cluster
//               (bench/bounds/kafka-producer.mjs), each on the cluster the configurations then use
//   per configuration (a stack of its own: private database, topics, queues)
//               the ingest phase's single and batch steps (bench/phases/ingest.mjs), with the CPU
//               per event of each part; then post accepted → webhook received at a fixed rate
//               (bench/phases/e2e.mjs): p50/p99, missing and doubled, and accepted → on Kafka
//
// Both Kafkas are the benchmark's own (infra/infra.mjs in a private state directory, on ports the OS
// picks), started one after the other and always stopped; the local broker on 9092 is not touched.
//
// Options: --configs <list> of <instances>x<brokers> (1x1,2x1,1x3,2x3), --duration <s> per load step
// (20), --quick (5 s steps, fewer shipments), --shipments <n> booked for the ingest steps (1000),
// --e2e-rate <events/s> (100).
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runKafkaBound } from './bounds/kafka-producer.mjs';
import { runPgbenchBound } from './bounds/pgbench.mjs';
import { startBenchKafka } from './lib/kafka-cluster.mjs';
import { describeMachine, machineInfo, revision } from './lib/machine.mjs';
import { drainSeconds } from './lib/pipeline.mjs';
import { parseConfigs, SCALE_HEADER, scaleRows } from './lib/scale-figures.mjs';
import { benchKeys, bookDepartedShipments } from './lib/shipments.mjs';
import { markdownTable } from './lib/table.mjs';
import { E2E_ENV, runE2e, startWebhookReceiver, subscribe } from './phases/e2e.mjs';
import { runIngest } from './phases/ingest.mjs';
import { log, repo, sleep, withBenchStack } from './stack.mjs';

const { values: args } = parseArgs({
  options: {
    configs: { type: 'string', default: '1x1,2x1,1x3,2x3' },
    duration: { type: 'string' },
    quick: { type: 'boolean', default: false },
    shipments: { type: 'string' },
    'e2e-rate': { type: 'string', default: '100' },
  },
});
const quick = args.quick;
const configs = parseConfigs(args.configs);
const duration = Number(args.duration ?? (quick ? 5 : 20));
const shipments = Number(args.shipments ?? (quick ? 300 : 1000));
const e2eRate = Number(args['e2e-rate']);
const e2eShipments = quick ? 100 : 200;
const connections = 64;
const batchSize = 500;
for (const [name, value] of Object.entries({ duration, shipments, e2eRate }))
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);

const started = Date.now();
const heading = (text) => log(`${text} [${Math.round((Date.now() - started) / 1000)} s]`);

/**
 * The Kafka running now, stopped on Ctrl-C too: synchronously, so it is down before a stack's own
 * handler (bench/stack.mjs) has torn the stack down and exits; with none running, this one exits.
 */
let runningKafka;
process.once('SIGINT', () => {
  runningKafka?.downSync();
  runningKafka = undefined;
  if (process.listenerCount('SIGINT') === 0) process.exit(130);
});

/** One configuration on a stack of its own: the ingest steps, then the end-to-end latency. */
async function measure(config, kafka) {
  const stack = { env: E2E_ENV, instances: config.instances, balance: true, kafka };
  return withBenchStack(stack, async (stack) => {
    const { shipper, carrier } = benchKeys(stack);
    const booked = await bookDepartedShipments(stack, { count: shipments, shipper, carrier });
    await drainSeconds(stack);
    const ingest = await runIngest(stack, {
      ids: booked,
      carrier,
      duration,
      connections,
      rate: e2eRate,
      batchSize,
      idleRequests: 0,
      steps: ['single', 'batch'],
      log,
    });
    // The webhook is subscribed only now, so the ingest's events (consumed already) send none.
    const receiver = await startWebhookReceiver();
    try {
      await subscribe(stack, receiver, shipper);
      const ids = await bookDepartedShipments(stack, { count: e2eShipments, shipper, carrier });
      await drainSeconds(stack);
      await sleep(1000);
      const e2e = await runE2e(stack, { ids, carrier, receiver, rate: e2eRate, duration, log });
      return {
        ...config,
        connections,
        batchSize,
        single: ingest.steps.single,
        batch: ingest.steps.batch,
        drainSec: ingest.drainSec,
        rssMb: ingest.rssMb,
        e2e,
      };
    } finally {
      receiver.server.close();
    }
  });
}

/** What failed, reported under the table: one configuration failing leaves the others' figures. */
const failures = [];
async function attempt(what, work) {
  try {
    return await work();
  } catch (error) {
    log(`  ${what} FAILED: ${error.stack ?? error}`);
    failures.push({ what, message: String(error.message ?? error).split('\n')[0] });
    return undefined;
  }
}

async function main() {
  const machine = machineInfo();
  const cores = availableParallelism();
  log(`npm run bench:scale${quick ? ' --quick' : ''} — ${describeMachine(machine)}`);
  log(
    `  configurations (instances per service × Kafka brokers): ${configs.map((c) => c.label).join(', ')}; ` +
      `${duration} s per load step; ${shipments} shipments for the ingest steps; e2e at ${e2eRate}/s`,
  );
  log(
    `  everything shares these ${cores} cores (Kafka, Postgres, Redis, every instance, the balancer, the load ` +
      'generator): more instances or brokers add processes, not CPU\n',
  );
  const results = { kafka: {}, runs: [] };
  heading('pgbench (raw bound: the carrier write set in PostgreSQL alone)');
  results.pgbench = await runPgbenchBound({ duration, shipments, log });

  for (const size of [...new Set(configs.map((c) => c.brokers))]) {
    heading(`starting a Kafka of ${size} broker${size === 1 ? '' : 's'} of the benchmark's own`);
    const kafka = (runningKafka = await startBenchKafka({
      size,
      stateDir: join(repo, '.infra', `bench-scale-${size}`),
    }));
    try {
      log(
        `  brokers ${kafka.brokers.join(',')}; topics with ${kafka.replicationFactor} replica(s), ` +
          `min.insync.replicas ${kafka.minInSyncReplicas}`,
      );
      heading(`Kafka ProducerPerformance, ${size} broker${size === 1 ? '' : 's'} (raw bound)`);
      results.kafka[size] = await attempt(`ProducerPerformance on ${size} broker(s)`, () =>
        runKafkaBound({
          partitions: 6,
          records: quick ? 50_000 : Math.max(100_000, 25_000 * duration),
          latencyRate: e2eRate,
          latencySeconds: duration,
          brokers: kafka.brokers,
          replication: kafka,
          log,
        }),
      );
      if (!results.kafka[size]) delete results.kafka[size];
      for (const config of configs.filter((c) => c.brokers === size)) {
        heading(`${config.label}: ${config.instances} instance(s) of each service, ${size} broker(s)`);
        const run = await attempt(config.label, () => measure(config, kafka));
        if (run) results.runs.push(run);
      }
    } finally {
      runningKafka = undefined;
      await kafka.down();
    }
  }

  log(`\n${markdownTable(SCALE_HEADER, scaleRows(results))}\n`);
  for (const { what, message } of failures) log(`FAILED ${what}: ${message}`);
  log(
    'ratio: a rate as the share of its bound reached, a latency as how many times its bound it takes; ' +
      'vs 1×1: the change against one instance on one broker in this run',
  );
  log(`machine: ${describeMachine(machine)}, ${machineInfo().loadAverage.toFixed(2)} at the end`);
  log(
    `conditions: everything on this box, ${cores} cores shared by every part; ${revision()} built, services in ` +
      'production mode (LOG_LEVEL=warn), every configuration behind the balancer (a child process), ' +
      "private database/topics/queues per configuration; Kafkas of the benchmark's own (3 brokers: " +
      'replication factor 3, min.insync.replicas 2); ' +
      `${duration} s per load step; total ${Math.round((Date.now() - started) / 1000)} s`,
  );
}

main().then(
  () => process.exit(failures.length ? 1 : 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
