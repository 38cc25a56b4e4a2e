/**
 * `npm run chaos [-- --shipments 300 --seed N]`: the fault run. Starts the system (the built
 * services in production mode, a Kafka broker and — where it may — a PostgreSQL server of its own,
 * its own Redis database), drives carriers, brokers, officers and shippers over HTTP through
 * clients that retry as real ones do, and meanwhile kills each service with SIGKILL, restarts
 * Postgres, flushes Redis and kills the broker. Once the pipeline has drained it compares what the
 * shippers received (webhooks, email, the live feed) and what the database holds with every fact on
 * Kafka, prints the figures and exits 1 on any loss or doubled effect.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { startSmtpCatcher } from '@lib/stand-in-shippers';
import { receivedEmails, receivedWebhooks } from '../../simulator/src/oracle-sources';
import { scenarios } from '../../simulator/src/scenario';
import { Balancer } from '@lib/balancer';
import { createCast } from './cast';
import { chaosOptions, type ChaosOptions } from './chaos-options';
import { drive } from './drive';
import { FAULT_KINDS, planFaults } from './fault-plan';
import { FaultSchedule } from './faults';
import { followFeed, type FeedReader } from './feed-reader';
import { freePorts } from './free-ports';
import { databaseFacts, deadLetters, drained, drainState, factsOnKafka, orderRecords, type Fact } from './observe';
import { consumptionOrderBreaks, publicationOrderBreaks } from './ordering';
import { OwnBroker } from './own-broker';
import { seededRandom } from './random';
import { report } from './report';
import { retryingClient } from './retrying-client';
import { runPostgres } from './run-postgres';
import { RunRedis } from './run-redis';
import { SERVICES, ServiceProcesses, type ServiceName } from './service-processes';
import { doubledFacts, expectedFacts, tallyTarget } from './tally';

const repo = resolve(__dirname, '../../../..');
const out = (text = '') => process.stdout.write(`${text}\n`);
// The demo's clock: in season (the Khunjerab Pass is open), one simulated hour per second.
const CLOCK_EPOCH = '2026-06-01T06:00:00+05:00';
const CLOCK_SCALE = 3600;

/**
 * Everything started, so that it can be stopped whatever happens: first what uses the rest (feed
 * readers, then the services), then the rest at once, then the run's directory.
 */
const teardown = {
  first: [] as (() => Promise<unknown>)[],
  rest: [] as (() => Promise<unknown>)[],
  last: [] as (() => Promise<unknown>)[],
};

async function main(options: ChaosOptions): Promise<number> {
  const runStarted = Date.now();
  const runId = randomBytes(3).toString('hex');
  const runDir = join(options.stateDir, runId);
  const logsDir = join(runDir, 'logs');
  mkdirSync(logsDir, { recursive: true });
  const random = seededRandom(options.seed);
  const plan = planFaults(options.rounds, random, options.faults);
  out(
    `▶ chaos run ${runId}: ${options.shipments} shipments, ${plan.length} faults (${options.rounds} × each kind), ` +
      `seed ${options.seed}, concurrency ${options.concurrency}, ${options.instances} instance(s) of each service, ` +
      `${options.brokers} broker(s)`,
  );
  out(`  state and logs in ${runDir}`);

  const ports = await freePorts(SERVICES.length * options.instances + 2 * options.brokers + 1);
  const servicePorts = Object.fromEntries(
    SERVICES.map((service, s) => [service, ports.slice(s * options.instances, (s + 1) * options.instances)]),
  ) as Record<ServiceName, number[]>;
  const kafkaPorts = ports.slice(SERVICES.length * options.instances).slice(0, options.brokers);
  const controllerPorts = ports.slice(SERVICES.length * options.instances + options.brokers).slice(0, options.brokers);
  const postgresPort = ports[ports.length - 1];
  const smtp = await startSmtpCatcher(0);
  teardown.rest.push(() => smtp.close());

  const database = `chaos_${runId}`;
  // No Postgres fault asked for: a database of the run's own on the shared server is enough (no server to start).
  const postgresOptions: ChaosOptions = options.faults.includes('postgres')
    ? options
    : { ...options, postgres: 'terminate' };
  const ownPostgres = await runPostgres(postgresOptions, join(runDir, 'postgres'), postgresPort, database);
  const { databaseUrl, fault: postgres } = ownPostgres;
  teardown.rest.push(() => ownPostgres.stop());
  out(`  postgres fault: ${options.faults.includes('postgres') ? postgres.describe : 'none asked for'}`);

  const redis = await RunRedis.claim(options.redisUrl, options.redisDb, runId, 'chaos_');
  teardown.rest.push(() => redis.release());
  out(
    `  redis: database ${options.redisDb} (${redis.url})` +
      (options.faults.includes('redis') ? ', flushed by the fault' : ''),
  );

  const broker = new OwnBroker(repo, join(runDir, 'broker'), kafkaPorts, controllerPorts, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    KAFKA_HEAP: options.kafkaHeap,
  });
  const brokerStarted = Date.now();
  // The run's own broker, its data thrown away: no need to wait for a controlled shutdown. Stopped even
  // when it fails to come up (a node may be running).
  teardown.rest.push(() =>
    Promise.all(broker.ports.map((_, i) => broker.kill(i + 1).catch(() => undefined))).then(() => broker.down()),
  );
  await broker.up(); // also creates the run's database and the topics
  out(
    (broker.count > 1
      ? `  kafka: a cluster of the run's own, ${broker.count} brokers on ${broker.brokers} ` +
        `(controllers :${controllerPorts.join(', :')}; replication factor 3, min.insync.replicas 2), `
      : `  kafka: a broker of the run's own on ${broker.brokers} (controller :${controllerPorts[0]}), `) +
      `up in ${((Date.now() - brokerStarted) / 1000).toFixed(1)} s`,
  );

  // Several instances of a service are reached as a Kubernetes Service reaches pods: one address, round robin.
  const balancers: Partial<Record<ServiceName, Balancer>> = {};
  if (options.instances > 1)
    for (const service of SERVICES) {
      balancers[service] = await Balancer.start(servicePorts[service]);
      teardown.rest.push(() => balancers[service]!.close());
    }

  const clockRealStart = new Date().toISOString();
  const services = new ServiceProcesses(
    repo,
    {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      BULLMQ_PREFIX: `chaos_${runId}`,
      KAFKA_BROKERS: broker.brokers,
      // A killed consumer's partitions move to its successor after the session timeout.
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      KAFKA_HEARTBEAT_INTERVAL_MS: '500',
      // Every shipper's traffic comes through one key each; the limiter is not what this run tries.
      RATE_LIMIT_MAX: '100000000',
      WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'),
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      SMTP_PORT: String(smtp.port),
      CLOCK_EPOCH,
      CLOCK_SCALE: String(CLOCK_SCALE),
      CLOCK_REAL_START: clockRealStart,
      // After a FLUSHDB the sweeps put pending follow-ups and deliveries back in BullMQ.
      FOLLOW_UP_SWEEP_INTERVAL_MS: '5000',
    },
    servicePorts,
    logsDir,
    balancers,
  );
  teardown.first.push(() => services.stopAll());
  services.startAll();
  await services.waitReady(120_000);
  out(
    `  services: ${SERVICES.map((s) => `${s} ${services.url(s)}`).join(', ')} (production mode, logs in ${logsDir})` +
      (options.instances > 1
        ? `\n  instances: ${options.instances} of each, behind a round-robin TCP balancer each ` +
          `(${services
            .instances()
            .map((i) => `${services.describe(i)} :${servicePorts[i.service][i.index]}`)
            .join(', ')})`
        : ''),
  );

  const { send, ledger } = retryingClient(
    { attemptTimeoutMs: 30_000, giveUpAfterMs: 300_000, baseDelayMs: 250, maxDelayMs: 5_000 },
    random,
  );
  const endpoints = {
    shipments: services.url('shipments'),
    customs: services.url('customs'),
    notifications: services.url('notifications'),
  };
  const cast = await createCast(databaseUrl, runId, endpoints.notifications, send);
  for (const shipper of cast.shippers) teardown.rest.push(() => shipper.receiver.close());
  const feeds = cast.shippers.map((s) => followFeed(`${endpoints.notifications}/v1/feed`, s.authorization));
  teardown.first.unshift(() => Promise.all(feeds.map((f) => f.stop())));
  out(
    `  cast: ${cast.shippers.length} shippers with a broker each, ${cast.carriers.size} carriers, ` +
      `${cast.officers.size} officers; webhooks, email and the live feed followed\n`,
  );

  const epoch = Date.parse(CLOCK_EPOCH);
  const realStart = Date.parse(clockRealStart);
  const now = () => new Date(epoch + (Date.now() - realStart) * CLOCK_SCALE);
  const work = scenarios(options.shipments).map((scenario, i) => {
    const shipper = cast.shippers[i % cast.shippers.length];
    return {
      scenario,
      actors: {
        shipper,
        carriers: cast.carriers,
        customs: cast.operator,
        broker: shipper.broker,
        officers: cast.officers,
      },
    };
  });
  const driveStarted = Date.now();
  const schedule = new FaultSchedule(plan);
  const driving = drive(work, endpoints, now, send, options.concurrency, (progress) => progress < schedule.nextAt());
  const ticker = setInterval(
    () =>
      out(
        `  … ${((Date.now() - driveStarted) / 1000).toFixed(0)} s: ${(driving.progress() * 100).toFixed(0)} % of the ` +
          `legs driven, ${ledger.requests} requests`,
      ),
    15_000,
  );
  const faulting = schedule.run(
    { services, broker, redis, postgres },
    () => driving.progress(),
    () => driving.done(),
    driveStarted,
    (f) =>
      out(
        `  ⚡ ${f.at.toFixed(1).padStart(6)} s  ${f.detail}; ` +
          `${f.error ? `✖ ${f.error}` : `ready again after ${f.recoveredSeconds.toFixed(1)} s`}`,
      ),
  );
  const { runs, failures } = await driving.result;
  const driveEnded = Date.now();
  const driveSeconds = (driveEnded - driveStarted) / 1000;
  const faults = await faulting;
  const faultsEnded = Date.now();
  clearInterval(ticker);
  out(
    `\n▶ drive done in ${driveSeconds.toFixed(0)} s; waiting for the pipeline to drain (at most ` +
      `${options.drainTimeoutMs / 1000} s)`,
  );

  const kafka = new Kafka({ clientId: `chaos-${runId}`, brokers: [...broker.brokerList], logLevel: logLevel.NOTHING });
  const drainStarted = Date.now();
  let state = await drainState(databaseUrl, kafka);
  // Drained twice in a row, a second apart: nothing was in flight between the two looks.
  for (let streak = 0, looks = 0; streak < 2 && Date.now() - drainStarted < options.drainTimeoutMs; looks++) {
    await sleep(1_000);
    // A look that fails (Postgres still recovering from its fault) counts as not drained.
    state = await drainState(databaseUrl, kafka).catch(() => ({ ...state, lagging: ['(no answer)'] }));
    streak = drained(state) ? streak + 1 : 0;
    if (looks % 5 === 4 && !drained(state))
      out(
        `  … outbox ${state.outboxPending}, lagging ${state.lagging.join(', ') || 'none'}, ` +
          `pending deliveries ${state.pendingDeliveries}`,
      );
  }
  const drain = { drained: drained(state), seconds: (Date.now() - driveEnded) / 1000, state };
  const drainEnded = Date.now();

  // What each shipper should have had, from the facts on Kafka; then a little time for the last deliveries to land.
  let facts: Fact[] = [];
  const carrierTenants = [...cast.carriers.values()].map((c) => c.tenantId);
  let db = await databaseFacts(databaseUrl, carrierTenants);
  const tallies = () => {
    const shipmentsOf = (tenantId: string) =>
      new Set(db.shipments.filter((s) => s.shipperId === tenantId).map((s) => s.id));
    return {
      webhooks: cast.shippers.map((s) => ({
        shipper: s.name,
        filters: s.webhookTypes,
        tally: tallyTarget(expectedFacts(facts, shipmentsOf(s.tenantId), s.webhookTypes), receivedWebhooks(s.receiver)),
        distinctIds: new Set(s.receiver.delivered.map((r) => r.id)).size,
      })),
      emails: cast.shippers
        .filter((s) => s.email)
        .map((s) => ({
          shipper: s.name,
          tally: tallyTarget(expectedFacts(facts, shipmentsOf(s.tenantId)), receivedEmails(smtp)),
        })),
      feeds: cast.shippers.map((s, i) => ({
        shipper: s.name,
        tally: tallyTarget(expectedFacts(facts, shipmentsOf(s.tenantId)), feedReceived(feeds[i])),
        reconnects: feeds[i].reconnects,
      })),
    };
  };
  const settleDeadline = Date.now() + 60_000;
  for (;;) {
    facts = await factsOnKafka(kafka);
    db = await databaseFacts(databaseUrl, carrierTenants);
    const t = tallies();
    const missing = [...t.webhooks, ...t.emails, ...t.feeds].reduce((m, x) => m + x.tally.missing.length, 0);
    if (missing === 0 || Date.now() > settleDeadline) break;
    await sleep(2_000);
  }
  await sleep(2_000); // anything late or doubled shows up too
  const final = tallies();

  const order = await orderRecords(databaseUrl);
  const ordering = {
    subjects: new Set(order.accepted.filter((a) => a.topic === 'shipments').map((a) => a.subject)).size,
    // Only the shipments service serialises a subject's writes (see publicationOrderBreaks).
    publication: publicationOrderBreaks(
      order.accepted.filter((a) => a.topic === 'shipments'),
      facts,
    ),
    consumption: consumptionOrderBreaks(order.processed, facts),
  };

  const { lines, problems, warnings } = report({
    shipments: options.shipments,
    seed: options.seed,
    postgresMode: options.faults.includes('postgres') ? postgres.describe : 'no fault asked for',
    driveSeconds,
    timings: {
      startup: (driveStarted - runStarted) / 1000,
      drive: driveSeconds,
      faultsAfterDrive: (faultsEnded - driveEnded) / 1000,
      drain: (drainEnded - faultsEnded) / 1000,
      checks: (Date.now() - drainEnded) / 1000,
    },
    runs,
    failures,
    faults,
    plannedFaults: plan.length,
    unexpectedExits: services.unexpectedExits,
    client: ledger,
    database: db,
    facts,
    doubledFacts: doubledFacts(facts),
    drain,
    ...final,
    deadLetters: await deadLetters(kafka),
    ordering,
    topology: { instances: options.instances, brokers: options.brokers },
  });
  const rounds =
    options.rounds !== Math.max(1, Math.round(options.shipments / 100)) ? ` --rounds ${options.rounds}` : '';
  const shape =
    (options.instances > 1 ? ` --instances ${options.instances}` : '') +
    (options.brokers > 1 ? ` --brokers ${options.brokers}` : '') +
    (options.faults.length < FAULT_KINDS.length ? ` --faults ${options.faults.join(',')}` : '');
  out(
    `\n▶ summary (seed ${options.seed}; repeat with --seed ${options.seed} --shipments ${options.shipments}` +
      `${rounds}${shape})`,
  );
  for (const text of lines) out(text);
  for (const warning of warnings) out(`\n⚠ ${warning}`);
  if (problems.length) {
    out(`\n✖ loss or doubled effect: ${problems.join('; ')}`);
    out(`  logs kept in ${runDir}`);
  } else {
    out('\n✔ no loss and no doubled effect across every fault');
  }
  if (!problems.length && !options.keep) teardown.last.push(() => rm(runDir, { recursive: true, force: true }));
  return problems.length ? 1 : 0;
}

function feedReceived(reader: FeedReader) {
  return reader.items.map((item) => ({ eventId: item.eventId, deliveryId: item.notificationId, verified: true }));
}

async function stopEverything(): Promise<void> {
  const attempt = (step: () => Promise<unknown>) =>
    step().catch((error: unknown) => process.stderr.write(`teardown: ${(error as Error).message}\n`));
  for (const step of teardown.first.splice(0)) await attempt(step);
  await Promise.all(teardown.rest.splice(0).map(attempt));
  for (const step of teardown.last.splice(0)) await attempt(step);
}

// Nest's logger (the identity migrations run in this process) would interleave debug lines with the summary.
Logger.overrideLogger(['error', 'warn']);
let options: ChaosOptions;
try {
  options = chaosOptions(process.argv.slice(2), process.env, repo);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void stopEverything().then(() => process.exit(130)));
// Whatever breaks, stop what the run started: its broker and Postgres outlive it otherwise.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.once(event, (error: unknown) => {
    process.stderr.write(`✖ chaos: ${(error as Error)?.stack ?? String(error)}\n`);
    void stopEverything().then(() => process.exit(1));
  });
}
main(options).then(
  async (code) => {
    await stopEverything();
    process.exit(code);
  },
  async (error: unknown) => {
    process.stderr.write(`✖ chaos: ${(error as Error).stack ?? String(error)}\n`);
    await stopEverything();
    process.exit(1);
  },
);
