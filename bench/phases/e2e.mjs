// Carrier post accepted → signed webhook received, with the whole system on this box (the phase of
// `npm run bench:e2e` and `npm run bench`).
//
// A shipper's webhook endpoint (an HTTP server in this process) is subscribed to
// `shipment.border.reached`; single carrier events are posted at a fixed rate. Each accepted post is
// one fact that travels shipments outbox → Kafka → notifications → webhook. Each post carries a
// distinct occurredAt (a millisecond per event), which its webhook carries back, so every webhook is
// matched to its post; the accepted set is what the service stored (see lib/webhook-tally.mjs).
// Latency per event: the webhook's arrival here minus the `acceptedAt` in its data. Signatures are
// verified with the `standardwebhooks` package.
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { sleep } from '../lib/common.mjs';
import { load } from '../lib/load.mjs';
import { borderArrival } from '../lib/shipments.mjs';
import { percentile, WebhookTally } from '../lib/webhook-tally.mjs';

/** The notifications service delivers to the receiver on loopback, with room for the rates offered. */
export const E2E_ENV = { notifications: { WEBHOOK_ALLOW_LOOPBACK: 'true', DELIVERY_CONCURRENCY: '100' } };

/** Webhooks of the current run go to `receiver.tally`. */
export async function startWebhookReceiver() {
  const receiver = { tally: new WebhookTally(), verifier: undefined, server: undefined, url: '' };
  receiver.server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const arrived = Date.now();
      res.writeHead(200).end();
      const raw = Buffer.concat(chunks).toString('utf8');
      let verified = true;
      try {
        receiver.verifier.verify(raw, req.headers);
      } catch {
        verified = false;
      }
      const { data } = JSON.parse(raw);
      receiver.tally.record({
        eventKey: String(Date.parse(data.occurredAt)),
        webhookId: req.headers['webhook-id'],
        latencyMs: arrived - Date.parse(data.acceptedAt),
        verified,
      });
    });
  });
  await new Promise((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${receiver.server.address().port}/hook`;
  return receiver;
}

/** Subscribes the shipper's webhook to the receiver. */
export async function subscribe(stack, receiver, shipper) {
  const subscription = await stack.post(
    'notifications',
    '/v1/subscriptions',
    { channel: 'webhook', url: receiver.url, eventTypes: ['shipment.border.reached'] },
    shipper,
  );
  receiver.verifier = new Webhook(subscription.secret);
}

let nextStart = 0;

/**
 * One run at `rate` events/s for `duration` s. Each connection waits for its answer before the next
 * post, so `connections` must cover rate × accept latency for the rate to be offered at all.
 * @param {{
 *   ids: string[], carrier: string, receiver: Awaited<ReturnType<typeof startWebhookReceiver>>, rate: number,
 *   duration: number, connections?: number, waitSec?: number, log: (line: string) => void
 * }} options
 */
export async function runE2e(stack, { ids, carrier, receiver, rate, duration, connections = 64, waitSec = 60, log }) {
  // A millisecond of occurredAt per event, never behind an earlier run's.
  const t0 = Math.max(Date.now(), nextStart);
  const prefix = `e2e-${stack.id}-${t0}-`;
  const runStart = new Date();
  receiver.tally = new WebhookTally();
  const answered = new Set();
  let sequence = 0;
  const result = await load({
    url: stack.url('shipments'),
    duration,
    connections,
    overallRate: rate,
    requests: [
      {
        method: 'POST',
        path: '/v1/carrier-events',
        headers: { 'content-type': 'application/json', authorization: carrier },
        setupRequest: (request, context) => {
          sequence += 1;
          context.key = String(t0 + sequence);
          return {
            ...request,
            body: JSON.stringify(
              borderArrival(`${prefix}${sequence}`, ids[sequence % ids.length], new Date(t0 + sequence).toISOString()),
            ),
          };
        },
        onResponse: (status, _body, context) => {
          if (status >= 200 && status < 300) answered.add(context.key);
        },
      },
    ],
  });
  nextStart = t0 + sequence + 1;

  // What the service stored is the truth; requests cut off at the end may still commit, so look again while waiting.
  const stored = async () =>
    (
      await stack.rows('SELECT occurred_at FROM shipments.shipment_events WHERE carrier_event_id LIKE $1', [
        `${prefix}%`,
      ])
    ).map((r) => String(r.occurred_at.getTime()));
  const loadEnded = Date.now();
  let accepted = await stored();
  while (Date.now() - loadEnded < waitSec * 1000) {
    if (Date.now() - loadEnded > 2000 && receiver.tally.covers(accepted)) break;
    await sleep(500);
    accepted = await stored();
  }
  const tally = receiver.tally.account(accepted, answered);
  const latency = tally.latenciesMs;
  const p = (q) => percentile(latency, q);
  const stages = await stageBreakdown(stack, runStart);
  const run = {
    rate,
    duration,
    sent: sequence,
    acceptedPerSec: 0,
    acceptP50: result.latency.p50,
    acceptP99: result.latency.p99,
    ...tally,
    latenciesMs: undefined,
    p50: p(50),
    p95: p(95),
    p99: p(99),
    max: latency.at(-1),
    stages,
  };
  run.acceptedPerSec = run.accepted / duration;
  log(
    `  ${rate} events/s for ${duration} s: posts sent ${run.sent}, answered 2xx ${run.answered}, ` +
      `stored by the service ${run.accepted} (stored but unanswered: ${run.acceptedUnanswered}, ` +
      `answered but not stored: ` +
      `${run.answeredNotStored}); accept p50 ${run.acceptP50} ms, p99 ${run.acceptP99} ms`,
  );
  log(
    `    webhooks: ${run.received} events received (${run.deliveries} requests), missing ${run.missing}, ` +
      `unexpected ${run.unexpected}, doubled ${run.doubled}, redelivered ${run.redeliveries}, ` +
      `bad signatures ${run.badSignatures}`,
  );
  log(
    `    post accepted → webhook received: p50 ${run.p50} ms  p95 ${run.p95} ms  p99 ${run.p99} ms  max ${run.max} ms`,
  );
  const fmt = (pair) => (pair ? pair.map((v) => Math.round(v)).join(' / ') : '–');
  log(
    `    stages (p50 / p99 ms): transaction began → accepted ${fmt(stages.locked)} (row locks, dedupe); ` +
      `accepted → on Kafka ${fmt(stages.onKafka)}; → notification written ${fmt(stages.consumed)}; ` +
      `→ webhook answered ${fmt(stages.delivered)}`,
  );
  return run;
}

/**
 * Where the time went, per stage (ms, [p50, p99]), from the services' own timestamps, for posts
 * accepted since `since`. The outbox row's created_at is its transaction's start (now()), before
 * the rules ran and `acceptedAt` was taken.
 */
async function stageBreakdown(stack, since) {
  // p50 and p99 of the milliseconds from `earlier` to `later`
  const p50p99 = (later, earlier) =>
    `percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM ${later} - ${earlier}) * 1000)`;
  const [stages] = await stack.rows(
    `WITH n AS (
       SELECT (data->>'acceptedAt')::timestamptz AS accepted, created_at, delivered_at, source_event_id
         FROM notifications.notifications
        WHERE channel = 'webhook' AND event_type = 'shipment.border.reached'
          AND (data->>'acceptedAt')::timestamptz >= $1),
     o AS (SELECT event_id, created_at AS began, published_at FROM shipments.outbox)
     SELECT
       ${p50p99('n.accepted', 'o.began')} AS locked,
       ${p50p99('o.published_at', 'n.accepted')} AS "onKafka",
       ${p50p99('n.created_at', 'o.published_at')} AS consumed,
       ${p50p99('n.delivered_at', 'n.created_at')} AS delivered
     FROM n JOIN o ON o.event_id = n.source_event_id`,
    [since],
  );
  return stages;
}
