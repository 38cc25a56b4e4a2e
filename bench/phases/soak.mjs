// Memory across a long run (issue 14: RSS ≤ 200 MB per service, flat across a 1,000,000-event run).
// `events` border arrivals go through the batch endpoint, `batchSize` a request over 4 connections as
// the ingest's batch step sends them, with the whole pipeline at work — outbox relay → Kafka → customs
// and notifications — while each service's RSS is sampled every few seconds; then the pipeline drains.
// Per service: RSS at the start, the peak (the drain included), at the end of the sending, and the
// growth from the mean over the first 10 % of the sending to the mean over its last 10 %.
import { load, summarize } from '../lib/load.mjs';
import { consumerLag, drainSeconds, recordRss } from '../lib/pipeline.mjs';
import { borderArrival } from '../lib/shipments.mjs';
import { rssTrend } from '../lib/trend.mjs';

const n = (value) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : String(value));
const mbList = (rss) =>
  Object.entries(rss)
    .map(([name, mb]) => `${name} ${mb ?? '–'}`)
    .join(', ');

/**
 * @param {object} stack a bench stack with the three services
 * @param {{
 *   ids: string[], carrier: string, events: number, batchSize?: number, connections?: number, sampleEveryMs?: number,
 *   progressEveryMs?: number, drainTimeoutSec?: number, log: (line: string) => void
 * }} options
 */
export async function runSoak(
  stack,
  {
    ids,
    carrier,
    events,
    batchSize = 500,
    connections = 4,
    sampleEveryMs = 2000,
    progressEveryMs = 5000,
    drainTimeoutSec = 600,
    log,
  },
) {
  const prefix = `soak-${stack.id}-`;
  let sequence = 0;
  const next = () => {
    sequence += 1;
    return borderArrival(`${prefix}${sequence}`, ids[sequence % ids.length]);
  };
  let answered = 0;
  const batch = {
    method: 'POST',
    path: '/v1/carrier-events/batch',
    headers: { 'content-type': 'application/json', authorization: carrier },
    setupRequest: (r) => ({ ...r, body: JSON.stringify({ events: Array.from({ length: batchSize }, next) }) }),
    onResponse: (status) => {
      if (status >= 200 && status < 300) answered += batchSize;
    },
  };

  const memory = recordRss(stack, sampleEveryMs);
  const started = Date.now();
  let previous = { at: started, answered: 0 };
  const progress = setInterval(async () => {
    const now = Date.now();
    const rate = (answered - previous.answered) / ((now - previous.at) / 1000);
    previous = { at: now, answered };
    const pending = await stack
      .scalar('SELECT count(*) FROM "shipments".outbox WHERE published_at IS NULL')
      .catch(() => NaN);
    const lag = await consumerLag(stack).catch(() => ({}));
    log(
      `  soak ${n(answered)} / ${n(events)} events answered, ${n(rate)}/s; outbox ${n(pending)} pending, ` +
        `lag ${Object.entries(lag)
          .map(([group, records]) => `${group} ${n(records)}`)
          .join(', ')}; RSS MB ${mbList(stack.rssMb())}`,
    );
  }, progressEveryMs);
  let row;
  try {
    row = summarize(
      await load({
        url: stack.url('shipments'),
        amount: Math.ceil(events / batchSize),
        connections,
        requests: [batch],
      }),
      batchSize,
    );
  } finally {
    clearInterval(progress);
  }
  const sendingSec = (Date.now() - started) / 1000;
  const sending = memory.take();
  const stored = await stack.scalar('SELECT count(*) FROM "shipments".shipment_events WHERE carrier_event_id LIKE $1', [
    `${prefix}%`,
  ]);
  log(
    `  soak sent: ${n(stored)} events stored in ${sendingSec.toFixed(1)} s (${n(stored / sendingSec)}/s), ` +
      `non-2xx ${row.non2xx}, errors ${row.errors}; RSS MB ${mbList(stack.rssMb())}`,
  );
  const drainSec = await drainSeconds(stack, drainTimeoutSec);
  log(
    Number.isFinite(drainSec)
      ? `  pipeline drained in ${drainSec.toFixed(1)} s`
      : `  pipeline did NOT drain within ${drainTimeoutSec} s`,
  );
  const samples = memory.stop();

  const rss = rssTrend(samples.slice(0, sending));
  for (const [name, trend] of Object.entries(rss)) {
    trend.peakMb = Math.max(trend.peakMb, ...samples.map((s) => s.rssMb[name] ?? 0));
    log(
      `  RSS ${name.padEnd(13)} start ${trend.startMb}, peak ${trend.peakMb}, end ${trend.endMb} MB; ` +
        `mean over the first 10 % ${n(trend.firstMb)}, last 10 % ${n(trend.lastMb)} MB ` +
        `(${trend.growthMb >= 0 ? '+' : ''}${n(trend.growthMb)} MB, ` +
        `${trend.growthPercent >= 0 ? '+' : ''}${trend.growthPercent.toFixed(1)} %)`,
    );
  }
  return {
    events,
    stored,
    sendingSec,
    eventsPerSec: stored / sendingSec,
    drainSec,
    batchSize,
    connections,
    samples: samples.length,
    rss,
    rssMb: Object.fromEntries(Object.entries(rss).map(([name, trend]) => [name, trend.peakMb])),
  };
}
