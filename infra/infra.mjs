#!/usr/bin/env node
// Local infrastructure without Docker: real Apache Kafka (KRaft) started from Maven Central jars —
// one node by default, or a replicated cluster of up to five nodes on this machine — the
// `logistics` database on the local PostgreSQL, Redis as found.
//
//   node infra/infra.mjs up [--brokers N] | down | status [--json] | topics | ensure-topics
//
// `up` is idempotent: it (re)starts whichever node of the cluster is not running and returns only
// when every node answers metadata requests and every topic exists; `down` stops only nodes that
// `up` started (tracked by pid files). Plain JavaScript on purpose: it runs before anything is built.
//
// Cluster size: --brokers N, else KAFKA_BROKER_COUNT, else the size `up` last used here
// (<state>/kafka-cluster.json), else 1. Ports: KAFKA_PORTS / KAFKA_CONTROLLER_PORTS (comma lists),
// else counted up in steps of two from KAFKA_PORT (9092) / KAFKA_CONTROLLER_PORT (9093).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import IORedis from 'ioredis';
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;

export const settings = {
  kafkaVersion: '3.9.2',
  kafkaHost: env.KAFKA_HOST || '127.0.0.1',
  kafkaStartTimeoutMs: Number(env.KAFKA_START_TIMEOUT_MS || 120_000),
  cacheDir:
    env.KAFKA_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kz-pk-logistics', 'kafka-3.9.2'),
  stateDir: env.INFRA_STATE_DIR || join(repo, '.infra'),
  databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/logistics',
  redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
  topicPrefix: env.KAFKA_TOPIC_PREFIX || '',
};

const libsDir = join(settings.cacheDir, 'libs');
const toolsDir = join(settings.cacheDir, 'tools');
const log = (message) => process.stdout.write(`${message}\n`);

// ---------------------------------------------------------------- cluster shape

const MAX_BROKERS = 5;
/** A static quorum of three voters survives one lost node; more voters only slow elections here. */
const MAX_VOTERS = 3;
const sizeFile = join(settings.stateDir, 'kafka-cluster.json');
/** Command-line options after the command (`up --brokers 3`, `status --json`); set by the main block. */
const options = {};

function rememberedSize() {
  try {
    return JSON.parse(readFileSync(sizeFile, 'utf8')).brokers;
  } catch {
    return undefined;
  }
}

function rememberSize(size) {
  mkdirSync(settings.stateDir, { recursive: true });
  writeFileSync(sizeFile, `${JSON.stringify({ brokers: size, chosenAt: new Date().toISOString() })}\n`);
}

/** How many brokers: --brokers, KAFKA_BROKER_COUNT, the size `up` last used here, else one. */
function chosenSize() {
  const asked = options.brokers ?? env.KAFKA_BROKER_COUNT;
  const size = asked === undefined || asked === '' ? (rememberedSize() ?? 1) : Number(asked);
  if (!Number.isInteger(size) || size < 1 || size > MAX_BROKERS)
    throw new Error(`kafka: the number of brokers must be a whole number from 1 to ${MAX_BROKERS} (got ${asked})`);
  return size;
}

/** Where a cluster of `size` keeps its state: one node exactly where a single broker always lived. */
function clusterDir(size) {
  return join(settings.stateDir, size === 1 ? 'kafka' : `kafka-${size}`);
}

function nodeDir(size, id) {
  return size === 1 ? clusterDir(1) : join(clusterDir(size), `broker-${id}`);
}

function portList(listName, baseName, basePort, count) {
  if (env[listName]) {
    const ports = env[listName].split(',').map((p) => Number(p.trim()));
    if (ports.length < count || ports.some((p) => !Number.isInteger(p) || p <= 0 || p > 65535))
      throw new Error(`kafka: ${listName}=${env[listName]} must list ${count} port numbers, one per broker`);
    return ports.slice(0, count);
  }
  const base = Number(env[baseName] || basePort);
  return Array.from({ length: count }, (_, i) => base + 2 * i);
}

/** The nodes of the chosen cluster: ids 1..N, the first three also the controller quorum's voters. */
function clusterLayout(size) {
  const ports = portList('KAFKA_PORTS', 'KAFKA_PORT', 9092, size);
  const controllerPorts = portList('KAFKA_CONTROLLER_PORTS', 'KAFKA_CONTROLLER_PORT', 9093, size);
  const host = settings.kafkaHost;
  const nodes = ports.map((port, i) => {
    const id = i + 1;
    const dir = nodeDir(size, id);
    return {
      id,
      host,
      port,
      controllerPort: controllerPorts[i],
      voter: id <= MAX_VOTERS,
      address: `${host}:${port}`,
      dir,
      dataDir: join(dir, 'data'),
      logsDir: join(dir, 'logs'),
      pidFile: join(dir, 'kafka.pid'),
    };
  });
  return {
    size,
    dir: clusterDir(size),
    nodes,
    // 512 MiB for one node; three on a small machine get a little less each.
    heap: env.KAFKA_HEAP || (size === 1 ? '512m' : '384m'),
    replicationFactor: Math.min(3, size),
    minInSyncReplicas: size >= 3 ? 2 : 1,
  };
}

let layout;
function cluster() {
  return (layout ??= clusterLayout(chosenSize()));
}

/** What clients bootstrap from: KAFKA_BROKERS, else every broker of the cluster. */
function clientBrokers() {
  return env.KAFKA_BROKERS
    ? env.KAFKA_BROKERS.split(',').map((b) => b.trim())
    : cluster().nodes.map((node) => node.address);
}

// ---------------------------------------------------------------- Kafka jars and processes

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

function readPidFile(pidFile) {
  try {
    return JSON.parse(readFileSync(pidFile, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The broker process this checkout started from `pidFile`, if it is still alive (and really is that broker). */
function ownProcess(pidFile) {
  const record = readPidFile(pidFile);
  if (!record) return undefined;
  try {
    process.kill(record.pid, 0);
    const cmdline = readFileSync(`/proc/${record.pid}/cmdline`, 'utf8');
    return cmdline.includes('kafka.Kafka') && cmdline.includes(record.config) ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Every live broker process this checkout started, whatever the size of the cluster it belongs to. */
function runningHere() {
  const found = [];
  for (let size = 1; size <= MAX_BROKERS; size++)
    for (let id = 1; id <= size; id++) {
      const pidFile = join(nodeDir(size, id), 'kafka.pid');
      const record = ownProcess(pidFile);
      if (record) found.push({ size, id, pidFile, pid: record.pid });
    }
  return found;
}

function describeSize(size) {
  return size === 1 ? 'single-broker Kafka' : `${size}-broker Kafka cluster`;
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

function kafkaClient(retries = 0, brokers = clientBrokers()) {
  return new Kafka({
    clientId: 'infra',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1500,
    requestTimeout: 5000,
    retry: { retries },
  });
}

/** The cluster as seen through `brokers` (its live, unfenced brokers), or undefined when nobody answers. */
async function describeVia(brokers) {
  const admin = kafkaClient(0, brokers).admin();
  try {
    await admin.connect();
    return await admin.describeCluster();
  } catch {
    return undefined;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * True when the broker at host:port itself answers a Kafka request (ApiVersions v0 on a raw socket).
 * A client would route through whichever broker the metadata names, a dead one included.
 */
function answersAt(host, port, timeoutMs = 1500) {
  const clientId = Buffer.from('infra');
  const request = Buffer.alloc(4 + 10 + clientId.length);
  request.writeInt32BE(request.length - 4, 0);
  request.writeInt16BE(18, 4); // ApiVersions
  request.writeInt16BE(0, 6); // version 0
  request.writeInt32BE(7, 8); // correlation id
  request.writeInt16BE(clientId.length, 12);
  clientId.copy(request, 14);
  return new Promise((done) => {
    let received = Buffer.alloc(0);
    const socket = createConnection({ host, port }, () => socket.write(request));
    const finish = (answered) => (socket.destroy(), done(answered));
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      // size, correlation id, error code
      if (received.length >= 10) finish(received.readInt32BE(4) === 7 && received.readInt16BE(8) === 0);
    });
  });
}

/** True when a broker answers a metadata request. */
async function brokerAnswers(brokers = clientBrokers()) {
  return ((await describeVia(brokers))?.brokers.length ?? 0) > 0;
}

function renderServerProperties(c, node) {
  const template = readFileSync(join(repo, 'infra/kafka/server.properties'), 'utf8');
  const voters = c.nodes.filter((n) => n.voter);
  const values = {
    KAFKA_HOST: node.host,
    KAFKA_PORT: node.port,
    KAFKA_NODE_ID: node.id,
    KAFKA_PROCESS_ROLES: node.voter ? 'broker,controller' : 'broker',
    KAFKA_QUORUM_VOTERS: voters.map((v) => `${v.id}@${v.host}:${v.controllerPort}`).join(','),
    KAFKA_LISTENERS: [
      `PLAINTEXT://${node.host}:${node.port}`,
      ...(node.voter ? [`CONTROLLER://${node.host}:${node.controllerPort}`] : []),
    ].join(','),
    KAFKA_DATA_DIR: node.dataDir,
    KAFKA_REPLICATION_FACTOR: c.replicationFactor,
    KAFKA_MIN_INSYNC_REPLICAS: c.minInSyncReplicas,
  };
  const rendered = template.replace(/\$\{(\w+)\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`kafka: infra/kafka/server.properties names an unknown \${${name}}`);
    return String(values[name]);
  });
  const path = join(node.dir, 'server.properties');
  writeFileSync(path, rendered);
  return path;
}

function javaArgs(c, node, mainClass, args) {
  return [
    `-Xms128m`,
    `-Xmx${c.heap}`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dkafka.logs.dir=${node.logsDir}`,
    `-Dlog4j.configuration=file:${join(repo, 'infra/kafka/log4j.properties')}`,
    '-cp',
    `${libsDir}/*`,
    mainClass,
    ...args,
  ];
}

/** The KRaft cluster id all nodes share: 16 random bytes in URL-safe base64, as `kafka-storage random-uuid` makes. */
function clusterId(c) {
  const file = join(c.dir, 'cluster.id');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  let id;
  do id = randomBytes(16).toString('base64url');
  while (id.startsWith('-'));
  mkdirSync(c.dir, { recursive: true });
  writeFileSync(file, `${id}\n`);
  return id;
}

function formatStorage(c, node, config, id) {
  return new Promise((done, fail) => {
    const format = spawn(
      'java',
      javaArgs(c, node, 'kafka.tools.StorageTool', ['format', '-t', id, '-c', config, '--ignore-formatted']),
    );
    let output = '';
    format.stdout.on('data', (chunk) => (output += chunk));
    format.stderr.on('data', (chunk) => (output += chunk));
    format.once('error', fail);
    format.once('close', (code) =>
      code === 0 ? done() : fail(new Error(`kafka: storage format of broker ${node.id} failed:\n${output}`)),
    );
  });
}

/** Starts one node in the background (it outlives this script); returns its pid. */
function startNode(c, node, config) {
  const out = openSync(join(node.logsDir, 'stdout.log'), 'a');
  const child = spawn('java', javaArgs(c, node, 'kafka.Kafka', [config]), {
    detached: true,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  child.unref();
  writeFileSync(node.pidFile, JSON.stringify({ pid: child.pid, config, startedAt: new Date().toISOString() }));
  return child.pid;
}

async function startKafka() {
  const c = cluster();
  const other = runningHere().find((p) => p.size !== c.size);
  if (other)
    throw new Error(
      `kafka: a ${describeSize(other.size)} started here is running (state in ${clusterDir(other.size)}); ` +
        `only one local cluster runs at a time: run npm run infra:down first, then start the ${describeSize(c.size)}`,
    );
  rememberSize(c.size);
  const stopped = c.nodes.filter((node) => !ownProcess(node.pidFile));
  if (stopped.length === 0) {
    log(
      `kafka: already running (${c.nodes.map((n) => `broker ${n.id} pid ${ownProcess(n.pidFile).pid}`).join(', ')}), ` +
        'waiting for it to answer',
    );
    await waitForCluster(c);
    return;
  }
  if (c.size === 1 && (await brokerAnswers())) {
    log(`kafka: a broker already answers on ${clientBrokers().join(',')} (not started here; left alone)`);
    return;
  }
  for (const node of stopped)
    for (const port of node.voter ? [node.port, node.controllerPort] : [node.port])
      if (await portOpen(node.host, port))
        throw new Error(`kafka: port ${port} (broker ${node.id}) is taken by something not started here`);

  ensureKafkaJars();
  const id = clusterId(c);
  const configs = stopped.map((node) => {
    mkdirSync(node.logsDir, { recursive: true });
    return renderServerProperties(c, node);
  });
  await Promise.all(stopped.map((node, i) => formatStorage(c, node, configs[i], id)));
  // Voters start together: a quorum of three elects a leader only once two of them run.
  for (const [i, node] of stopped.entries()) {
    const pid = startNode(c, node, configs[i]);
    log(
      `kafka: started ${settings.kafkaVersion} broker ${node.id} on ${node.address} ` +
        `(pid ${pid}, heap ${c.heap}, logs in ${node.logsDir})`,
    );
  }
  await waitForCluster(c);
}

/** Every node answers metadata requests and sees every other one as a live broker. */
async function clusterAnswers(c) {
  const views = await Promise.all(c.nodes.map((node) => describeVia([node.address])));
  return views.every((view) => view && c.nodes.every((node) => view.brokers.some((b) => b.nodeId === node.id)));
}

async function waitForCluster(c) {
  const deadline = Date.now() + settings.kafkaStartTimeoutMs;
  const started = Date.now();
  while (Date.now() < deadline) {
    if (await clusterAnswers(c)) {
      log(
        `kafka: ${c.size === 1 ? 'answering' : `all ${c.size} brokers answering`} metadata requests on ` +
          `${c.nodes.map((n) => n.address).join(',')} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      return;
    }
    const dead = c.nodes.find((node) => readPidFile(node.pidFile) && !ownProcess(node.pidFile));
    if (dead) {
      const tail = tailOf(join(dead.logsDir, 'server.log')) || tailOf(join(dead.logsDir, 'stdout.log'));
      throw new Error(`kafka: broker ${dead.id} exited during start-up. Last log lines:\n${tail}`);
    }
    await sleep(500);
  }
  throw new Error(
    `kafka: not every broker answered within ${settings.kafkaStartTimeoutMs} ms; ` +
      `see ${c.nodes.map((n) => n.logsDir).join(', ')}`,
  );
}

function tailOf(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Stops every broker this checkout started, whichever cluster size it belongs to. */
async function stopKafka() {
  const running = runningHere();
  if (running.length === 0) {
    for (let size = 1; size <= MAX_BROKERS; size++)
      for (let id = 1; id <= size; id++) rmSync(join(nodeDir(size, id), 'kafka.pid'), { force: true });
    log('kafka: nothing started here is running');
    return;
  }
  for (const node of running) process.kill(node.pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  const alive = () => running.filter((node) => ownProcess(node.pidFile));
  while (Date.now() < deadline && alive().length) await sleep(250);
  for (const node of alive()) {
    log(`kafka: broker ${node.id} did not stop within 30 s; killing`);
    process.kill(node.pid, 'SIGKILL');
  }
  for (const node of running) rmSync(node.pidFile, { force: true });
  log(
    `kafka: stopped the ${describeSize(running[0].size)} ` +
      `(${running.map((n) => `broker ${n.id} pid ${n.pid}`).join(', ')})`,
  );
}

// ---------------------------------------------------------------- cluster state

/**
 * The active controller: the KRaft quorum's leader as the live voters last recorded it in
 * `__cluster_metadata-0/quorum-state` (rewritten on every election). The newest epoch wins; a
 * leader whose process is gone is no controller (an election is under way).
 */
function activeController(c, live) {
  let newest;
  for (const node of c.nodes.filter((n) => live.has(n.id))) {
    try {
      const state = JSON.parse(readFileSync(join(node.dataDir, '__cluster_metadata-0', 'quorum-state'), 'utf8'));
      // A candidate's vote shares the epoch it may win; the node that knows the leader of that epoch tells.
      const newer = !newest || state.leaderEpoch > newest.leaderEpoch;
      if (newer || (state.leaderEpoch === newest.leaderEpoch && newest.leaderId < 0)) newest = state;
    } catch {
      // not written yet (the node is starting)
    }
  }
  return newest && live.has(newest.leaderId) ? newest.leaderId : null;
}

/** Each broker of the chosen cluster: answering or not, its pid when started here, and the active controller. */
async function kafkaState() {
  const c = cluster();
  const brokers = await Promise.all(
    c.nodes.map(async (node) => {
      const pid = ownProcess(node.pidFile)?.pid ?? null;
      const up = await answersAt(node.host, node.port);
      return { id: node.id, address: node.address, up, pid };
    }),
  );
  const live = new Set(brokers.filter((b) => b.pid !== null).map((b) => b.id));
  return { size: c.size, brokers, controller: activeController(c, live), stateDir: c.dir };
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

/**
 * Replicas per project topic: one per broker up to three, and acks=all writes (the outbox relay's)
 * need two in sync once there are three, so one broker may be lost without losing a write.
 * The brokers counted are this checkout's cluster while it runs, else those the cluster reports.
 */
async function topicReplication(admin) {
  const c = cluster();
  const reported = (await admin.describeCluster()).brokers.length;
  const brokers = Math.max(reported, c.nodes.some((node) => ownProcess(node.pidFile)) ? c.size : 0);
  return { replicationFactor: Math.min(3, brokers), minInSyncReplicas: brokers >= 3 ? 2 : 1 };
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
      const { replicationFactor, minInSyncReplicas } = await topicReplication(admin);
      await admin.createTopics({
        // Waited for below: kafkajs's own wait gives up when a busy broker briefly answers "does
        // not host this topic-partition" just after the create (often so with three brokers).
        waitForLeaders: false,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor,
          configEntries: [
            { name: 'retention.ms', value: String(t.retentionMs) },
            { name: 'min.insync.replicas', value: String(minInSyncReplicas) },
          ],
        })),
      });
      const names = missing.map((t) => t.name);
      await waitForPartitions(admin, names, (p) => p.leader >= 0, 'partitions of new topics without a leader');
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

/** Partitions whose in-sync replicas are fewer than their replicas, and fewer than min.insync.replicas. */
function replicaHealth(partitions, minInSync) {
  return {
    underReplicated: partitions.filter((p) => p.isr.length < p.replicas.length).length,
    underMinIsr: partitions.filter((p) => p.isr.length < minInSync).length,
  };
}

/**
 * Polls the partitions of `names` until each is `settled`; returns the milliseconds waited. A failed
 * metadata request (a topic or leader not known everywhere yet) is asked again; only the deadline ends it.
 */
async function waitForPartitions(admin, names, settled, unsettled) {
  const started = Date.now();
  for (;;) {
    const partitions = await admin.fetchTopicMetadata({ topics: names }).then(
      ({ topics }) => topics.flatMap((t) => t.partitions),
      () => undefined,
    );
    const waiting = partitions ? partitions.filter((p) => !settled(p)).length : 'some';
    if (waiting === 0) return Date.now() - started;
    if (Date.now() - started > settings.kafkaStartTimeoutMs)
      throw new Error(`kafka: ${waiting} ${unsettled} after ${settings.kafkaStartTimeoutMs} ms`);
    await sleep(250);
  }
}

/** After a node (re)started: returns once every partition of the project topics has all its replicas in sync again. */
async function waitForInSyncReplicas() {
  const admin = kafkaClient(2).admin();
  await admin.connect();
  try {
    const names = topicCatalogue().map((t) => t.name);
    const waited = await waitForPartitions(
      admin,
      names,
      (p) => p.isr.length === p.replicas.length,
      'partitions under-replicated',
    );
    log(`kafka: every partition in sync (${(waited / 1000).toFixed(1)} s)`);
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
          resources: names.map((name) => ({ type: 2, name, configNames: ['retention.ms', 'min.insync.replicas'] })),
        })
      : { resources: [] };
    const config = new Map(
      configs.resources.map((r) => [
        r.resourceName,
        Object.fromEntries(r.configEntries.map((e) => [e.configName, Number(e.configValue)])),
      ]),
    );
    const expected = new Set(topicCatalogue().map((t) => t.name));
    const rows = metadata.topics
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => {
        const partitions = [...t.partitions].sort((a, b) => a.partitionId - b.partitionId);
        const minInSync = config.get(t.name)?.['min.insync.replicas'];
        const health = replicaHealth(partitions, minInSync ?? 1);
        return [
          t.name,
          String(partitions.length),
          humanDuration(config.get(t.name)?.['retention.ms']),
          String(Math.max(0, ...partitions.map((p) => p.replicas.length))),
          Number.isFinite(minInSync) ? String(minInSync) : '?',
          partitions.map((p) => (p.leader >= 0 ? String(p.leader) : '-')).join(','),
          String(health.underReplicated),
          String(health.underMinIsr),
          expected.has(t.name) ? 'project' : 'other',
        ];
      });
    printTable(
      [
        'topic',
        'partitions',
        'retention',
        'replicas',
        'min isr',
        'leaders',
        'under-replicated',
        'under min isr',
        'owner',
      ],
      rows,
    );
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
  if (cluster().size > 1) await waitForInSyncReplicas();
}

/** Rows for the cluster's brokers; with KAFKA_BROKERS naming other brokers, one row for those as before. */
async function kafkaRows() {
  const c = cluster();
  const addresses = c.nodes.map((node) => node.address);
  if (env.KAFKA_BROKERS && clientBrokers().join(',') !== addresses.join(',')) {
    const kafkaUp = await brokerAnswers();
    return [['kafka', kafkaUp ? 'up' : 'down', `${clientBrokers().join(',')}${kafkaUp ? ' (not started here)' : ''}`]];
  }
  const state = await kafkaState();
  return state.brokers.map((b) => {
    const notes = [
      ...(b.pid !== null ? [`pid ${b.pid}`, 'started here'] : b.up ? ['not started here'] : []),
      ...(c.size > 1 && state.controller === b.id ? ['active controller'] : []),
    ];
    return [
      c.size === 1 ? 'kafka' : `kafka ${b.id}`,
      b.up ? 'up' : 'down',
      `${b.address}${notes.length ? ` (${notes.join(', ')})` : ''}`,
    ];
  });
}

async function status() {
  if (options.json) {
    log(JSON.stringify(await kafkaState()));
    return true;
  }
  const rows = [
    ...(await kafkaRows()),
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
  const usage = `usage: node infra/infra.mjs <${Object.keys(commands).join('|')}> [--brokers N] [--json]\n`;
  const command = commands[process.argv[2]];
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(3),
      options: { brokers: { type: 'string' }, json: { type: 'boolean' } },
    });
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
  }
  if (!command || !parsed) {
    process.stderr.write(usage);
    process.exit(2);
  }
  Object.assign(options, parsed.values);
  command().then(
    (ok) => process.exit(ok ? 0 : 1),
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
