#!/usr/bin/env node
// Local infrastructure without Docker: a real single-node Apache Kafka (KRaft) started from
// Maven Central jars, the `logistics` database on the local PostgreSQL, Redis as found.
//
//   node infra/infra.mjs up | down | status | topics | ensure-topics
//
// `up` is idempotent and returns only when the broker answers metadata requests and every
// topic exists; `down` stops only a broker that `up` started (tracked by a pid file).
// Plain JavaScript on purpose: it runs before anything is built.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import IORedis from 'ioredis';
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;

export const settings = {
  kafkaVersion: '3.9.2',
  brokers: (env.KAFKA_BROKERS || '127.0.0.1:9092').split(',').map((b) => b.trim()),
  kafkaHost: env.KAFKA_HOST || '127.0.0.1',
  kafkaPort: Number(env.KAFKA_PORT || 9092),
  kafkaControllerPort: Number(env.KAFKA_CONTROLLER_PORT || 9093),
  kafkaHeap: env.KAFKA_HEAP || '512m',
  kafkaStartTimeoutMs: Number(env.KAFKA_START_TIMEOUT_MS || 120_000),
  cacheDir:
    env.KAFKA_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kz-pk-logistics', 'kafka-3.9.2'),
  stateDir: env.INFRA_STATE_DIR || join(repo, '.infra'),
  databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/logistics',
  redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
  topicPrefix: env.KAFKA_TOPIC_PREFIX || '',
};

const kafkaDir = join(settings.stateDir, 'kafka');
const pidFile = join(kafkaDir, 'kafka.pid');
const libsDir = join(settings.cacheDir, 'libs');
const toolsDir = join(settings.cacheDir, 'tools');
const log = (message) => process.stdout.write(`${message}\n`);

// ---------------------------------------------------------------- Kafka jars and process

/** Downloads Kafka and its dependencies once into the cache (outside git); later runs reuse it. */
function ensureKafkaJars() {
  fetchJars('Apache Kafka', 'infra/kafka/pom.xml', libsDir);
}

/**
 * Kafka's own load generator (`ProducerPerformance`, the kafka-tools artifact of the same version)
 * for `npm run bench`, cached beside the broker's jars. Only the two artifacts are copied: the tool
 * runs with the broker's jars on the classpath, so client and broker are the same build.
 */
export function kafkaToolsClasspath() {
  ensureKafkaJars();
  fetchJars('kafka-tools', 'infra/kafka-tools/pom.xml', toolsDir, ['-DexcludeTransitive=true']);
  return `${toolsDir}/*:${libsDir}/*`;
}

function fetchJars(what, pom, dir, extraArgs = []) {
  if (existsSync(join(dir, '.complete'))) return;
  log(`kafka: fetching ${what} ${settings.kafkaVersion} jars from Maven Central into ${dir}`);
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  const mvn = spawnSync(
    'mvn',
    ['-q', '-B', '-f', join(repo, pom), 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`, ...extraArgs],
    { stdio: 'inherit' },
  );
  if (mvn.status !== 0)
    throw new Error(`kafka: mvn could not fetch the ${what} jars (is Maven installed and Maven Central reachable?)`);
  writeFileSync(join(staging, '.complete'), `${settings.kafkaVersion}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
}

function readPidFile() {
  try {
    return JSON.parse(readFileSync(pidFile, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The broker this checkout started, if its process is still alive (and really is that broker). */
function ownBroker() {
  const record = readPidFile();
  if (!record) return undefined;
  try {
    process.kill(record.pid, 0);
    const cmdline = readFileSync(`/proc/${record.pid}/cmdline`, 'utf8');
    return cmdline.includes('kafka.Kafka') && cmdline.includes(record.config) ? record : undefined;
  } catch {
    return undefined;
  }
}

function portOpen(host, port) {
  return new Promise((done) => {
    const socket = createConnection({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('timeout', () => (socket.destroy(), done(false)));
    socket.once('error', () => done(false));
  });
}

function kafkaClient(retries = 0) {
  return new Kafka({
    clientId: 'infra',
    brokers: settings.brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1500,
    requestTimeout: 5000,
    retry: { retries },
  });
}

/** True when a broker answers a metadata request. */
async function brokerAnswers() {
  const admin = kafkaClient().admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function renderServerProperties() {
  const template = readFileSync(join(repo, 'infra/kafka/server.properties'), 'utf8');
  const values = {
    KAFKA_HOST: settings.kafkaHost,
    KAFKA_PORT: settings.kafkaPort,
    KAFKA_CONTROLLER_PORT: settings.kafkaControllerPort,
    KAFKA_DATA_DIR: join(kafkaDir, 'data'),
  };
  const rendered = template.replace(/\$\{(\w+)\}/g, (_, name) => String(values[name]));
  const path = join(kafkaDir, 'server.properties');
  writeFileSync(path, rendered);
  return path;
}

function javaArgs(mainClass, args) {
  return [
    `-Xms128m`,
    `-Xmx${settings.kafkaHeap}`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dkafka.logs.dir=${join(kafkaDir, 'logs')}`,
    `-Dlog4j.configuration=file:${join(repo, 'infra/kafka/log4j.properties')}`,
    '-cp',
    `${libsDir}/*`,
    mainClass,
    ...args,
  ];
}

/** A KRaft cluster id: 16 random bytes in URL-safe base64, as `kafka-storage random-uuid` makes. */
function clusterId() {
  const file = join(kafkaDir, 'cluster.id');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  let id;
  do id = randomBytes(16).toString('base64url');
  while (id.startsWith('-'));
  writeFileSync(file, `${id}\n`);
  return id;
}

async function startKafka() {
  if (ownBroker()) {
    log(`kafka: already running (pid ${ownBroker().pid}), waiting for it to answer`);
    await waitForBroker();
    return;
  }
  if (await brokerAnswers()) {
    log(`kafka: a broker already answers on ${settings.brokers.join(',')} (not started here; left alone)`);
    return;
  }
  if (await portOpen(settings.kafkaHost, settings.kafkaPort)) {
    throw new Error(`kafka: port ${settings.kafkaPort} is taken by something that is not a Kafka broker`);
  }
  ensureKafkaJars();
  mkdirSync(join(kafkaDir, 'logs'), { recursive: true });
  const config = renderServerProperties();
  const format = spawnSync(
    'java',
    javaArgs('kafka.tools.StorageTool', ['format', '-t', clusterId(), '-c', config, '--ignore-formatted']),
    {
      encoding: 'utf8',
    },
  );
  if (format.status !== 0) throw new Error(`kafka: storage format failed:\n${format.stdout}${format.stderr}`);

  const out = openSync(join(kafkaDir, 'logs', 'stdout.log'), 'a');
  const child = spawn('java', javaArgs('kafka.Kafka', [config]), { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  writeFileSync(pidFile, JSON.stringify({ pid: child.pid, config, startedAt: new Date().toISOString() }));
  log(
    `kafka: started ${settings.kafkaVersion} (pid ${child.pid}, heap ${settings.kafkaHeap}, ` +
      `logs in ${join(kafkaDir, 'logs')})`,
  );
  await waitForBroker();
}

async function waitForBroker() {
  const deadline = Date.now() + settings.kafkaStartTimeoutMs;
  const started = Date.now();
  while (Date.now() < deadline) {
    if (await brokerAnswers()) {
      log(
        `kafka: answering metadata requests on ${settings.brokers.join(',')} ` +
          `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      return;
    }
    const record = readPidFile();
    if (record && !ownBroker()) {
      const tail = tailOf(join(kafkaDir, 'logs', 'server.log')) || tailOf(join(kafkaDir, 'logs', 'stdout.log'));
      throw new Error(`kafka: the broker exited during start-up. Last log lines:\n${tail}`);
    }
    await sleep(500);
  }
  throw new Error(`kafka: no answer within ${settings.kafkaStartTimeoutMs} ms; see ${join(kafkaDir, 'logs')}`);
}

function tailOf(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function stopKafka() {
  const record = ownBroker();
  if (!record) {
    rmSync(pidFile, { force: true });
    log('kafka: nothing started here is running');
    return;
  }
  process.kill(record.pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && ownBroker()) await sleep(250);
  if (ownBroker()) {
    log('kafka: did not stop within 30 s; killing');
    process.kill(record.pid, 'SIGKILL');
  }
  rmSync(pidFile, { force: true });
  log(`kafka: stopped (pid ${record.pid})`);
}

// ---------------------------------------------------------------- topics

function topicCatalogue() {
  const catalogue = JSON.parse(readFileSync(join(repo, 'libs/contracts/src/topics.json'), 'utf8'));
  return catalogue.topics.flatMap((topic) => [
    {
      name: `${settings.topicPrefix}${topic.name}`,
      partitions: catalogue.defaultPartitions,
      retentionMs: topic.retentionMs,
    },
    {
      name: `${settings.topicPrefix}${topic.name}${catalogue.deadLetter.suffix}`,
      partitions: catalogue.defaultPartitions,
      retentionMs: catalogue.deadLetter.retentionMs,
    },
  ]);
}

/** Creates missing topics (and adds partitions where the catalogue asks for more); never deletes. */
async function ensureTopics() {
  const admin = kafkaClient(5).admin();
  await admin.connect();
  try {
    const wanted = topicCatalogue();
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t.name));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: 1,
          configEntries: [{ name: 'retention.ms', value: String(t.retentionMs) }],
        })),
      });
    }
    const present = wanted.filter((t) => existing.has(t.name));
    if (present.length) {
      const metadata = await admin.fetchTopicMetadata({ topics: present.map((t) => t.name) });
      const grow = metadata.topics
        .map((m) => ({
          topic: m.name,
          count: wanted.find((t) => t.name === m.name).partitions,
          have: m.partitions.length,
        }))
        .filter((t) => t.have < t.count);
      if (grow.length)
        await admin.createPartitions({ topicPartitions: grow.map(({ topic, count }) => ({ topic, count })) });
    }
    log(`topics: ${wanted.length} present${missing.length ? ` (${missing.length} created)` : ''}`);
  } finally {
    await admin.disconnect();
  }
}

async function listTopics() {
  const admin = kafkaClient(2).admin();
  await admin.connect();
  try {
    const names = (await admin.listTopics()).filter((name) => !name.startsWith('__')).sort();
    const metadata = names.length ? await admin.fetchTopicMetadata({ topics: names }) : { topics: [] };
    const configs = names.length
      ? await admin.describeConfigs({
          includeSynonyms: false,
          resources: names.map((name) => ({ type: 2, name, configNames: ['retention.ms'] })),
        })
      : { resources: [] };
    const retention = new Map(configs.resources.map((r) => [r.resourceName, Number(r.configEntries[0]?.configValue)]));
    const expected = new Set(topicCatalogue().map((t) => t.name));
    const rows = metadata.topics
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => [
        t.name,
        String(t.partitions.length),
        humanDuration(retention.get(t.name)),
        expected.has(t.name) ? 'project' : 'other',
      ]);
    printTable(['topic', 'partitions', 'retention', 'owner'], rows);
    const absent = [...expected].filter((name) => !names.includes(name));
    if (absent.length) log(`missing: ${absent.join(', ')} (run npm run infra:up)`);
    return absent.length === 0;
  } finally {
    await admin.disconnect();
  }
}

function humanDuration(ms) {
  if (!Number.isFinite(ms)) return '?';
  if (ms < 0) return 'forever';
  const days = ms / 86_400_000;
  return Number.isInteger(days) ? `${days} d` : `${(ms / 3_600_000).toFixed(1)} h`;
}

function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  log(line(header));
  for (const row of rows) log(line(row));
}

// ---------------------------------------------------------------- Postgres and Redis

/** Creates the database named in DATABASE_URL when missing (tests create their own). */
async function ensureDatabase() {
  const target = new URL(settings.databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(settings.databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`postgres: cannot connect to ${maintenance.host}: ${error.message}`, { cause: error });
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      log(`postgres: created database ${name}`);
    } else {
      log(`postgres: database ${name} present`);
    }
  } finally {
    await client.end();
  }
}

async function databaseReachable() {
  const client = new pg.Client({ connectionString: settings.databaseUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisAnswers() {
  const redis = new IORedis(settings.redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

// ---------------------------------------------------------------- commands

async function up() {
  await ensureDatabase();
  if (!(await redisAnswers()))
    throw new Error(`redis: no answer at ${redactUrl(settings.redisUrl)} (Redis is expected to be running)`);
  log(`redis: answering at ${redactUrl(settings.redisUrl)}`);
  await startKafka();
  await ensureTopics();
}

async function status() {
  const own = ownBroker();
  const kafkaUp = await brokerAnswers();
  const rows = [
    [
      'kafka',
      kafkaUp ? 'up' : 'down',
      `${settings.brokers.join(',')}${own ? ` (pid ${own.pid}, started here)` : kafkaUp ? ' (not started here)' : ''}`,
    ],
    ['postgres', (await databaseReachable()) ? 'up' : 'down', redactUrl(settings.databaseUrl)],
    ['redis', (await redisAnswers()) ? 'up' : 'down', redactUrl(settings.redisUrl)],
  ];
  printTable(['service', 'state', 'where'], rows);
  return rows.every((r) => r[1] === 'up');
}

function redactUrl(value) {
  const parsed = new URL(value);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

const commands = {
  up: async () => (await up(), true),
  down: async () => (await stopKafka(), true),
  status,
  topics: listTopics,
  'ensure-topics': async () => (await ensureTopics(), true),
};

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const command = commands[process.argv[2]];
  if (!command) {
    process.stderr.write(`usage: node infra/infra.mjs <${Object.keys(commands).join('|')}>\n`);
    process.exit(2);
  }
  command().then(
    (ok) => process.exit(ok ? 0 : 1),
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
