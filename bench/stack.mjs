// The system under a benchmark: the three built services (dist/) started as in production
// (NODE_ENV=production, LOG_LEVEL=warn) on a private database, topic prefix and BullMQ prefix, on
// ports 3201–3203, with what a benchmark needs to drive them (API keys, POSTs, SQL, Kafka admin).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const log = (line) => process.stdout.write(`${line}\n`);

/** @param {{ env?: Record<string, Record<string, string>> }} options extra environment per service name */
export async function startBenchStack({ env: extraEnv = {} } = {}) {
  const id = randomBytes(3).toString('hex');
  const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/logistics';
  const dbName = `bench_${id}`;
  const databaseUrl = Object.assign(new URL(baseUrl), { pathname: `/${dbName}` }).toString();
  const topicPrefix = `bench_${id}.`;
  const kafka = new Kafka({ clientId: 'bench', brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
  const catalogue = JSON.parse(readFileSync(join(repo, 'libs/contracts/src/topics.json'), 'utf8'));
  const topics = catalogue.topics.flatMap((t) => [`${topicPrefix}${t.name}`, `${topicPrefix}${t.name}${catalogue.deadLetter.suffix}`]);
  const services = [
    { name: 'shipments', port: 3201 },
    { name: 'customs', port: 3202 },
    { name: 'notifications', port: 3203 },
  ];
  const children = [];

  const admin = async (work) => {
    const client = kafka.admin();
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.disconnect();
    }
  };
  const onPostgres = async (sql) => {
    const client = new pg.Client({ connectionString: Object.assign(new URL(baseUrl), { pathname: '/postgres' }).toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const rows = async (sql) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const scalar = async (sql) => Number(Object.values((await rows(sql))[0])[0]);
  const key = (role, name, extra = []) => {
    const out = execFileSync(process.execPath, [join(repo, 'dist/apps/ops/src/main.js'), 'keys', 'create', '--role', role, '--name', name, ...extra], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    });
    return /Authorization: (Bearer \S+)/.exec(out)[1];
  };
  const post = async (port, path, body, authorization) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const tearDown = async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    await admin((a) => a.deleteTopics({ topics, timeout: 10_000 })).catch(() => undefined);
    await onPostgres(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
  };

  execFileSync(process.execPath, [join(repo, 'infra/infra.mjs'), 'up'], { stdio: ['ignore', 'ignore', 'inherit'] });
  await onPostgres(`CREATE DATABASE "${dbName}"`);
  await admin((a) => a.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: catalogue.defaultPartitions })) }));
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
  };
  for (const service of services) {
    // BENCH_PROFILE=<dir> writes a V8 CPU profile of the shipments service, or of BENCH_PROFILE_SERVICE (open it in Chrome DevTools).
    const profile = process.env.BENCH_PROFILE && service.name === (process.env.BENCH_PROFILE_SERVICE ?? 'shipments') ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
    const child = spawn(process.execPath, [...profile, join(repo, `dist/apps/${service.name}/src/main.js`)], {
      env: { ...env, ...(extraEnv[service.name] ?? {}), [`${service.name.toUpperCase()}_PORT`]: String(service.port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
  }
  for (const service of services) {
    for (let i = 0; ; i++) {
      const ok = await fetch(`http://127.0.0.1:${service.port}/health/ready`).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 120 || children.some((c) => c.exitCode !== null)) {
        await tearDown();
        throw new Error(`${service.name} not ready`);
      }
      await sleep(500);
    }
  }
  return { id, databaseUrl, topicPrefix, admin, scalar, rows, key, post, tearDown };
}

/** Runs `main(stack)` and always tears the stack down (also on Ctrl-C). */
export function runBench(startOptions, main) {
  let stack;
  process.once('SIGINT', () => void (stack?.tearDown() ?? Promise.resolve()).then(() => process.exit(130)));
  startBenchStack(startOptions)
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
