// The system under a benchmark: the built services (dist/) started as in production
// (NODE_ENV=production, LOG_LEVEL=warn) on a private database, topic prefix and BullMQ prefix, on
// ports the OS picks (several benchmarks may run on one box at once), with what a benchmark needs to
// drive them (API keys, POSTs, SQL, Kafka admin, the services' memory). Scaled out (`instances`), each
// service runs that many times, behind one address per service (the project's balancer); on a
// Kafka of the caller's (`kafka`), the stack's topics get that cluster's replication.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBalancers } from './lib/balancers.mjs';
import { createTopicsInSync, withAdmin } from './lib/kafka.mjs';
import { log, repo, sleep } from './lib/common.mjs';
import { freePort } from './lib/ports.mjs';
import { createDatabase, databaseUrl as urlOf, dropDatabase, withClient } from './lib/postgres.mjs';

export { log, repo, sleep };

const ALL_SERVICES = [
  { name: 'shipments', port: 3201 },
  { name: 'customs', port: 3202 },
  { name: 'notifications', port: 3203 },
];

/** Resident memory of a process in MB (Linux), or undefined once it is gone. */
function rssMbOf(pid) {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
  } catch {
    return undefined;
  }
}

/**
 * @param {{
 *   env?: Record<string, Record<string, string>>, services?: string[], ports?: 'free' | 'fixed',
 *   instances?: number, balance?: boolean,
 *   kafka?: { brokers: string[], replicationFactor: number, minInSyncReplicas: number, pids?: number[] }
 * }} options
 *   extra environment per service name; which services to start (default all three); ports the OS picks
 *   (default) or 3201–3203, for scripts written against those; how many instances of each service
 *   (default 1); whether clients reach them through a balancer (default: when more than one, always
 *   when asked, so one instance and two are measured on the same path); the brokers to use and how
 *   to replicate the stack's topics there (default the local broker infra.mjs starts, one replica);
 *   their process ids count as the stack's Kafka in bench/lib/cpu.mjs
 */
async function startBenchStack({
  env: extraEnv = {},
  services: only,
  ports = 'free',
  instances = 1,
  balance = instances > 1,
  kafka,
} = {}) {
  if (!Number.isInteger(instances) || instances < 1)
    throw new Error(`instances must be a whole number ≥ 1 (got ${instances})`);
  if (balance && ports === 'fixed') throw new Error('fixed ports are for one instance of each service, unbalanced');
  const id = randomBytes(3).toString('hex');
  const dbName = `bench_${id}`;
  const databaseUrl = urlOf(dbName);
  const topicPrefix = `bench_${id}.`;
  const catalogue = JSON.parse(readFileSync(join(repo, 'libs/contracts/src/topics.json'), 'utf8'));
  const topics = catalogue.topics.flatMap((t) => [
    `${topicPrefix}${t.name}`,
    `${topicPrefix}${t.name}${catalogue.deadLetter.suffix}`,
  ]);
  const services = [];
  for (const service of ALL_SERVICES.filter((s) => !only || only.includes(s.name))) {
    const instancePorts = [];
    for (let i = 0; i < instances; i++) instancePorts.push(ports === 'fixed' ? service.port : await freePort());
    // Without a balancer the service's address is its one instance's.
    services.push({ ...service, port: instancePorts[0], instancePorts });
  }
  /** Process per instance: named as the service, or "shipments 2" when there are several. */
  const children = new Map();
  let balancers;
  const admin = (work) => withAdmin(work, kafka?.brokers);

  const rows = (sql, params) => withClient(databaseUrl, async (client) => (await client.query(sql, params)).rows);
  const scalar = async (sql, params) => Number(Object.values((await rows(sql, params))[0])[0]);
  const portOf = (name) => {
    const service = services.find((s) => s.name === name);
    if (!service) throw new Error(`${name} is not running in this bench stack`);
    return service.port;
  };
  const url = (name) => `http://127.0.0.1:${portOf(name)}`;
  const key = (role, name, extra = []) => {
    const out = execFileSync(
      process.execPath,
      [join(repo, 'dist/apps/ops/src/main.js'), 'keys', 'create', '--role', role, '--name', name, ...extra],
      {
        env: { ...process.env, DATABASE_URL: databaseUrl },
        encoding: 'utf8',
      },
    );
    return /Authorization: (Bearer \S+)/.exec(out)[1];
  };
  /** POST to a service, by name or by port; answers the JSON body or throws on a non-2xx. */
  const post = async (service, path, body, authorization) => {
    const base = typeof service === 'number' ? `http://127.0.0.1:${service}` : url(service);
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  /** Each service instance's process id, and the balancer's when there is one. */
  const pids = () => ({
    ...Object.fromEntries([...children].map(([name, child]) => [name, child.pid])),
    ...(balancers ? { balancer: balancers.pid } : {}),
  });
  /** Resident memory of each service instance now, in MB. */
  const rssMb = () => Object.fromEntries([...children].map(([name, child]) => [name, rssMbOf(child.pid)]));
  const tearDown = async () => {
    await balancers?.close();
    for (const child of children.values()) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(
      [...children.values()].map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
    );
    await admin((a) => a.deleteTopics({ topics, timeout: 10_000 })).catch(() => undefined);
    await dropDatabase(dbName).catch(() => undefined);
  };

  // A caller's own Kafka is up already; else make sure the local one is.
  if (!kafka)
    execFileSync(process.execPath, [join(repo, 'infra/infra.mjs'), 'up'], { stdio: ['ignore', 'ignore', 'inherit'] });
  await createDatabase(dbName);
  if (kafka)
    await admin((a) =>
      createTopicsInSync(
        a,
        topics.map((topic) => ({
          topic,
          numPartitions: catalogue.defaultPartitions,
          replicationFactor: kafka.replicationFactor,
          configEntries: [{ name: 'min.insync.replicas', value: String(kafka.minInSyncReplicas) }],
        })),
        { minInSync: kafka.minInSyncReplicas },
      ),
    );
  else
    await admin((a) =>
      a.createTopics({
        waitForLeaders: true,
        topics: topics.map((topic) => ({ topic, numPartitions: catalogue.defaultPartitions })),
      }),
    );
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    BULLMQ_PREFIX: `bench_${id}`,
    // The per-key limiter would throttle a load generator posting with one key.
    RATE_LIMIT_MAX: '100000000',
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '10',
    // Production refuses the development key that seals webhook secrets.
    WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'),
    ...(kafka ? { KAFKA_BROKERS: kafka.brokers.join(',') } : {}),
  };
  for (const service of services) {
    // BENCH_PROFILE=<dir> writes a V8 CPU profile of the shipments service,
    // or of BENCH_PROFILE_SERVICE (open it in Chrome DevTools).
    const profile =
      process.env.BENCH_PROFILE && service.name === (process.env.BENCH_PROFILE_SERVICE ?? 'shipments')
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
        : [];
    for (const [i, port] of service.instancePorts.entries()) {
      const child = spawn(process.execPath, [...profile, join(repo, `dist/apps/${service.name}/src/main.js`)], {
        env: { ...env, ...(extraEnv[service.name] ?? {}), [`${service.name.toUpperCase()}_PORT`]: String(port) },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.set(instances === 1 ? service.name : `${service.name} ${i + 1}`, child);
    }
  }
  const dead = () => [...children].find(([, c]) => c.exitCode !== null)?.[0];
  for (const service of services) {
    for (const port of service.instancePorts) {
      for (let i = 0; ; i++) {
        const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok && !dead()) break;
        if (i > 120 || dead()) {
          await tearDown();
          throw new Error(`${dead() ?? service.name} did not start (its port taken?)`);
        }
        await sleep(500);
      }
    }
  }
  // A service that lost its port to another process exits within moments of starting.
  await sleep(500);
  if (dead()) {
    await tearDown();
    throw new Error(`${dead()} exited during start-up`);
  }
  if (balance) {
    try {
      balancers = await startBalancers(Object.fromEntries(services.map((s) => [s.name, s.instancePorts])));
    } catch (error) {
      await tearDown();
      throw error;
    }
    for (const service of services) service.port = balancers.ports[service.name];
  }
  return {
    id,
    databaseUrl,
    topicPrefix,
    services: services.map((s) => s.name),
    url,
    port: portOf,
    admin,
    scalar,
    rows,
    key,
    post,
    rssMb,
    pids,
    kafkaPids: kafka?.pids ? () => kafka.pids : undefined,
    instances,
    tearDown,
  };
}

/**
 * Runs `main(stack)` and always tears the stack down (also on Ctrl-C); ports 3201–3203
 * unless `startOptions.ports` says otherwise.
 */
export function runBench(startOptions, main) {
  let stack;
  process.once('SIGINT', () => void (stack?.tearDown() ?? Promise.resolve()).then(() => process.exit(130)));
  startBenchStack({ ports: 'fixed', ...startOptions })
    .then((started) => main((stack = started)))
    .then(
      () => stack.tearDown(),
      async (error) => {
        console.error(error);
        await stack?.tearDown();
        process.exitCode = 1;
      },
    )
    .then(() => process.exit(process.exitCode ?? 0));
}

/** Starts a stack, runs `work(stack)` and tears it down whatever happens. */
export async function withBenchStack(startOptions, work) {
  const stack = await startBenchStack(startOptions);
  const onInterrupt = () => void stack.tearDown().then(() => process.exit(130));
  process.once('SIGINT', onInterrupt);
  try {
    return await work(stack);
  } finally {
    process.off('SIGINT', onInterrupt);
    await stack.tearDown();
  }
}
