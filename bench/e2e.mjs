#!/usr/bin/env node
// npm run bench:e2e — carrier post accepted → signed webhook received, with the whole system on this box.
//
// Starts the three built services as in production (bench/stack.mjs), subscribes a shipper's webhook
// endpoint (an HTTP server in this process) to `shipment.border.reached`, then posts single carrier
// events at a fixed rate (default 200/s for 20 s). Each accepted post is one fact that travels
// shipments outbox → Kafka → notifications → BullMQ → webhook. Latency is measured per webhook from
// the `acceptedAt` in its data (when shipments accepted the post) to its arrival here. Every webhook
// is verified with the `standardwebhooks` package; duplicates are counted by `webhook-id`.
import { createServer } from 'node:http';
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Webhook } from 'standardwebhooks';
import { log, runBench, sleep } from './stack.mjs';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    duration: { type: 'string', default: '20' },
    shipments: { type: 'string', default: '200' },
  },
});
const RATE = Number(args.rate);
const DURATION = Number(args.duration);
const SHIPMENTS = Number(args.shipments);
const TARGETS = { p50: 20, p99: 100 };

const received = new Map();
let duplicates = 0;
let unverified = 0;
let verifier;

function startReceiver() {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const arrived = Date.now();
      res.writeHead(200).end();
      const raw = Buffer.concat(chunks).toString('utf8');
      const id = req.headers['webhook-id'];
      if (received.has(id)) duplicates += 1;
      try {
        verifier.verify(raw, req.headers);
      } catch {
        unverified += 1;
      }
      const { data } = JSON.parse(raw);
      received.set(id, arrived - Date.parse(data.acceptedAt));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

runBench({ env: { notifications: { WEBHOOK_ALLOW_LOOPBACK: 'true', DELIVERY_CONCURRENCY: '100' } } }, async (stack) => {
  log(`bench:e2e — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  log('  everything on this box: Kafka, Postgres, Redis, 3 services (production mode, LOG_LEVEL=warn), the load generator and the webhook receiver');
  log(`  ${RATE} carrier events/s for ${DURATION} s over ${SHIPMENTS} shipments; latency = webhook received − acceptedAt\n`);
  const receiver = await startReceiver();
  const shipper = stack.key('shipper', 'Bench Shipper');
  const carrier = stack.key('carrier', 'Bench NLC', ['--carrier', 'NLC']);
  const subscription = await stack.post(3203, '/v1/subscriptions', { channel: 'webhook', url: `http://127.0.0.1:${receiver.address().port}/hook`, eventTypes: ['shipment.border.reached'] }, shipper);
  verifier = new Webhook(subscription.secret);

  const booking = {
    cargo: { commodity: 'kinnow', hsCode: '0805.21', packages: 100, weightKg: 1500 },
    legs: [{ mode: 'ROAD', carrier: 'NLC', from: { locode: 'PKKHI', name: 'Karachi' }, to: { locode: 'PKTOR', name: 'Torkham' }, plannedArrival: '2030-01-01T00:00:00Z' }],
  };
  const ids = [];
  for (let i = 0; i < SHIPMENTS; i++) ids.push((await stack.post(3201, '/v1/shipments', booking, shipper)).id);
  await stack.post(3201, '/v1/carrier-events/batch', { events: ids.map((shipmentId) => ({ eventId: `dep-${shipmentId}`, shipmentId, leg: 1, kind: 'departure', occurredAt: new Date().toISOString() })) }, carrier);
  await sleep(2000);
  received.clear();

  let sequence = 0;
  const result = await new Promise((resolve, reject) =>
    autocannon(
      {
        url: 'http://127.0.0.1:3201',
        duration: DURATION,
        connections: 16,
        overallRate: RATE,
        requests: [
          {
            method: 'POST',
            path: '/v1/carrier-events',
            headers: { 'content-type': 'application/json', authorization: carrier },
            setupRequest: (r) => {
              sequence += 1;
              return { ...r, body: JSON.stringify({ eventId: `e2e-${stack.id}-${sequence}`, shipmentId: ids[sequence % ids.length], leg: 1, kind: 'border_arrival', crossing: 'Torkham', occurredAt: new Date().toISOString() }) };
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    ),
  );
  const accepted = result['2xx'];
  const waitUntil = Date.now() + 60_000;
  while (received.size < accepted && Date.now() < waitUntil) await sleep(200);
  receiver.close();

  const latencies = [...received.values()].sort((a, b) => a - b);
  log(`posts accepted ${accepted} (non-2xx ${result.non2xx}), accept latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms`);
  log(`webhooks received ${received.size}, missing ${accepted - received.size}, duplicates ${duplicates}, signatures failing ${unverified}`);
  const p = (q) => percentile(latencies, q);
  log(`post accepted → webhook received: p50 ${p(50)} ms  p95 ${p(95)} ms  p99 ${p(99)} ms  max ${latencies.at(-1)} ms\n`);
  // Where the time went, per stage (ms, p50 / p99), from the services' own timestamps.
  const [stages] = await stack.rows(`
    WITH n AS (
      SELECT (data->>'acceptedAt')::timestamptz AS accepted, created_at, delivered_at, source_event_id
      FROM notifications.notifications WHERE channel = 'webhook' AND event_type = 'shipment.border.reached'),
    o AS (SELECT event_id, created_at AS outboxed, published_at FROM shipments.outbox)
    SELECT
      percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM o.outboxed - n.accepted) * 1000) AS committed,
      percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM o.published_at - o.outboxed) * 1000) AS published,
      percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM n.created_at - o.published_at) * 1000) AS consumed,
      percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM n.delivered_at - n.created_at) * 1000) AS delivered
    FROM n JOIN o ON o.event_id = n.source_event_id`);
  const fmt = (pair) => (pair ? pair.map((v) => Math.round(v)).join(' / ') : '–');
  log(`stages (p50 / p99 ms): accepted → outbox row ${fmt(stages.committed)}; → on Kafka ${fmt(stages.published)}; → notification written ${fmt(stages.consumed)}; → webhook answered ${fmt(stages.delivered)}\n`);
  log('summary:');
  log(`  p50 ${String(p(50)).padStart(5)} ms   target ≤ ${TARGETS.p50} ms   ${p(50) <= TARGETS.p50 ? 'met' : 'MISSED'}`);
  log(`  p99 ${String(p(99)).padStart(5)} ms   target ≤ ${TARGETS.p99} ms  ${p(99) <= TARGETS.p99 ? 'met' : 'MISSED'}`);
});
