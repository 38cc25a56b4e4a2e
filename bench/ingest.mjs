#!/usr/bin/env node
// npm run bench:ingest — how fast carriers can post, with the whole system on this box.
//
// It starts the three built services (dist/) as in production (NODE_ENV=production, LOG_LEVEL=warn)
// on a private database, topic prefix and BullMQ prefix, books shipments, and then loads the carrier
// API in three phases:
//   single  one event per POST /v1/carrier-events over 64 keep-alive connections (throughput)
//   batch   POST /v1/carrier-events/batch with 500 events each (throughput in events/s)
//   rate    a fixed 1,000 events/s of single POSTs (accept latency under a steady load)
// Every event is a border arrival, so each one is a fact that goes through the outbox relay to
// Kafka and is consumed by customs and notifications. After the load it measures how long the
// pipeline takes to drain: outbox empty and both consumer groups caught up.
// The broker, Postgres, Redis, the services and this load generator all share the same CPUs.
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { log, runBench, sleep } from './stack.mjs';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    shipments: { type: 'string', default: '2000' },
    phase: { type: 'string', default: 'all' },
    connections: { type: 'string', default: '64' },
  },
});
const DURATION = Number(args.duration);
const SHIPMENTS = Number(args.shipments);
const CONNECTIONS = Number(args.connections);
const BATCH_SIZE = 500;
const TARGETS = { singlePerSec: 2500, batchEventsPerSec: 20000, rateP99Ms: 50, drainSec: 10 };
const results = [];
let stack;
const post = (path, body, authorization) => stack.post(3201, path, body, authorization);

async function bookShipments(shipper, carrier) {
  const ids = [];
  const booking = {
    cargo: { commodity: 'kinnow', hsCode: '0805.21', packages: 100, weightKg: 1500 },
    legs: [
      { mode: 'ROAD', carrier: 'NLC', from: { locode: 'PKKHI', name: 'Karachi' }, to: { locode: 'PKTOR', name: 'Torkham' }, plannedArrival: '2030-01-01T00:00:00Z' },
    ],
  };
  for (let i = 0; i < SHIPMENTS; i++) ids.push((await post('/v1/shipments', booking, shipper)).id);
  for (let i = 0; i < ids.length; i += BATCH_SIZE) {
    const events = ids.slice(i, i + BATCH_SIZE).map((shipmentId) => ({ eventId: `dep-${shipmentId}`, shipmentId, leg: 1, kind: 'departure', occurredAt: new Date().toISOString() }));
    await post('/v1/carrier-events/batch', { events }, carrier);
  }
  return ids;
}

let sequence = 0;
function event(ids) {
  sequence += 1;
  return { eventId: `b-${stack.id}-${sequence}`, shipmentId: ids[sequence % ids.length], leg: 1, kind: 'border_arrival', crossing: 'Torkham', occurredAt: new Date().toISOString() };
}

function load(options) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url: 'http://127.0.0.1:3201', duration: DURATION, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
    process.once('SIGINT', () => instance.stop());
  });
}

function report(name, result, eventsPerRequest = 1) {
  const okRequests = result['2xx'];
  const row = {
    phase: name,
    eventsPerSec: Math.round((okRequests * eventsPerRequest) / (result.duration || DURATION)),
    requestsPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  results.push(row);
  log(`  ${name.padEnd(7)} ${String(row.eventsPerSec).padStart(7)} events/s  ${String(row.requestsPerSec).padStart(6)} req/s  latency ms p50 ${row.p50} p90 ${row.p90} p99 ${row.p99} max ${row.max}  non-2xx ${row.non2xx}  errors ${row.errors}`);
  return row;
}

async function singlePhase(ids, carrier) {
  const result = await load({
    connections: CONNECTIONS,
    pipelining: 1,
    requests: [{ method: 'POST', path: '/v1/carrier-events', headers: { 'content-type': 'application/json', authorization: carrier }, setupRequest: (r) => ({ ...r, body: JSON.stringify(event(ids)) }) }],
  });
  return report('single', result);
}

async function batchPhase(ids, carrier) {
  const result = await load({
    connections: 4,
    requests: [
      {
        method: 'POST',
        path: '/v1/carrier-events/batch',
        headers: { 'content-type': 'application/json', authorization: carrier },
        setupRequest: (r) => ({ ...r, body: JSON.stringify({ events: Array.from({ length: BATCH_SIZE }, () => event(ids)) }) }),
      },
    ],
  });
  return report('batch', result, BATCH_SIZE);
}

async function ratePhase(ids, carrier) {
  const result = await load({
    connections: 32,
    overallRate: 1000,
    requests: [{ method: 'POST', path: '/v1/carrier-events', headers: { 'content-type': 'application/json', authorization: carrier }, setupRequest: (r) => ({ ...r, body: JSON.stringify(event(ids)) }) }],
  });
  return report('rate', result);
}

async function caughtUp() {
  return stack.admin(async (a) => {
    const topic = `${stack.topicPrefix}shipments.events.v1`;
    const ends = await a.fetchTopicOffsets(topic);
    for (const group of ['customs', 'notifications']) {
      const [committed] = await a.fetchOffsets({ groupId: `${stack.topicPrefix}${group}`, topics: [topic] });
      for (const end of ends) {
        const done = Number(committed.partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
        if (Number(end.high) > 0 && done < Number(end.high)) return false;
      }
    }
    return true;
  });
}

async function drain() {
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    const pending = await stack.scalar('SELECT count(*) FROM shipments.outbox WHERE published_at IS NULL');
    if (pending === 0 && (await caughtUp())) {
      const seconds = (Date.now() - started) / 1000;
      log(`  pipeline drained in ${seconds.toFixed(1)} s (outbox empty, customs and notifications caught up)`);
      return seconds;
    }
    await sleep(250);
  }
  log('  pipeline did NOT drain within 120 s');
  return Infinity;
}

async function main(started) {
  stack = started;
  log(`bench:ingest — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  log(`  everything on this box: Kafka, Postgres, Redis, 3 services (production mode, LOG_LEVEL=warn), this load generator`);
  log(`  ${SHIPMENTS} shipments, ${DURATION} s per phase, single-event phase over ${CONNECTIONS} connections\n`);
  const shipper = stack.key('shipper', 'Bench Shipper');
  const carrier = stack.key('carrier', 'Bench NLC', ['--carrier', 'NLC']);
  const ids = await bookShipments(shipper, carrier);
  await drain();
  log('load:');
  const phases = args.phase === 'all' ? ['single', 'batch', 'rate'] : [args.phase];
  let single, batch, rate;
  for (const phase of phases) {
    if (phase === 'single') single = await singlePhase(ids, carrier);
    if (phase === 'batch') batch = await batchPhase(ids, carrier);
    if (phase === 'rate') rate = await ratePhase(ids, carrier);
  }
  const drainSec = await drain();
  log('\nsummary:');
  const line = (what, value, target, met) => log(`  ${what.padEnd(44)} ${String(value).padStart(9)}   target ${target.padEnd(10)} ${met ? 'met' : 'MISSED'}`);
  if (single) line('single-event POSTs/s (64 connections)', single.eventsPerSec, `≥ ${TARGETS.singlePerSec}`, single.eventsPerSec >= TARGETS.singlePerSec);
  if (batch) line('events/s through the batch endpoint', batch.eventsPerSec, `≥ ${TARGETS.batchEventsPerSec}`, batch.eventsPerSec >= TARGETS.batchEventsPerSec);
  if (rate) line('p99 accept latency at 1,000 events/s (ms)', rate.p99, `≤ ${TARGETS.rateP99Ms}`, rate.p99 <= TARGETS.rateP99Ms);
  line('lag back to 0 after the load (s)', drainSec.toFixed(1), `≤ ${TARGETS.drainSec}`, drainSec <= TARGETS.drainSec);
}

runBench({}, main);
