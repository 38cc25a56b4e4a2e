// How fast carriers can post, with the whole system on this box (the phase of `npm run bench:ingest`
// and `npm run bench`). On a stack with booked, departed shipments it loads the carrier API:
//   idle    one POST at a time on an idle system (the floor of the accept latency)
//   single  one event per POST /v1/carrier-events over `connections` keep-alive connections (throughput)
//   batch   POST /v1/carrier-events/batch with `batchSize` events each, 4 connections (events/s)
//   rate    a fixed `rate` events/s of single POSTs (accept latency under a steady load)
// Every event is a border arrival, so each is a fact that goes through the outbox relay to Kafka
// and is consumed by customs and notifications. Throughput counts the events the service stored
// with an accepted time inside the step (the client drops the requests in flight when a step's time
// is up, though the service may still accept them). After the load it measures how long the pipeline
// takes to drain (outbox empty, both consumer groups caught up), and the services' peak memory.
// The single and batch steps also wait for the pipeline to drain and report the CPU each part spent
// per event over the step and its drain: the profile of where the time goes.
import { cpuPerEvent, cpuSnapshot, describeCpu } from '../lib/cpu.mjs';
import { load, summarize } from '../lib/load.mjs';
import { drainSeconds, sampleRss } from '../lib/pipeline.mjs';
import { borderArrival } from '../lib/shipments.mjs';

export const INGEST_STEPS = ['idle', 'single', 'batch', 'rate'];

/**
 * @param {object} stack a bench stack with the three services
 * @param {{
 *   ids: string[], carrier: string, duration: number, connections: number, rate: number, batchSize: number,
 *   idleRequests: number, steps?: string[], label?: string, log: (line: string) => void
 * }} options `label` tells this run's event ids from another's on the same stack (`--preload`'s levels)
 */
export async function runIngest(
  stack,
  { ids, carrier, duration, connections, rate, batchSize, idleRequests, steps = INGEST_STEPS, label = '', log },
) {
  let sequence = 0;
  let prefix = '';
  const next = () => {
    sequence += 1;
    return borderArrival(`${prefix}${sequence}`, ids[sequence % ids.length]);
  };
  const single = {
    method: 'POST',
    path: '/v1/carrier-events',
    headers: { 'content-type': 'application/json', authorization: carrier },
    setupRequest: (r) => ({ ...r, body: JSON.stringify(next()) }),
  };
  /** Events of this step the service stored with an accepted time in [from, to), per second. */
  const storedPerSec = async (from, to) =>
    Math.round(
      (await stack.scalar(
        'SELECT count(*) FROM shipments.shipment_events ' +
          'WHERE carrier_event_id LIKE $1 AND accepted_at >= $2 AND accepted_at < $3',
        [`${prefix}%`, from, to],
      )) /
        ((to - from) / 1000),
    );
  const url = stack.url('shipments');
  const show = (name, row) =>
    log(
      `  ${name.padEnd(7)} ${String(row.eventsPerSec).padStart(7)} events/s  ` +
        `${String(row.requestsPerSec).padStart(6)} req/s  ` +
        `latency ms p50 ${row.p50} p90 ${row.p90} p99 ${row.p99} min ${row.min} max ${row.max}  ` +
        `non-2xx ${row.non2xx}  errors ${row.errors}`,
    );

  const results = { steps: {}, connections, rate, batchSize };
  const memory = sampleRss(stack);
  for (const step of steps) {
    prefix = `b-${stack.id}-${label}${step}-`;
    const from = new Date();
    let row;
    if (step === 'idle') row = summarize(await load({ url, connections: 1, amount: idleRequests, requests: [single] }));
    const cpuBefore = cpuSnapshot(stack);
    if (step === 'single') row = summarize(await load({ url, duration, connections, requests: [single] }));
    if (step === 'batch') {
      const batch = {
        ...single,
        path: '/v1/carrier-events/batch',
        setupRequest: (r) => ({ ...r, body: JSON.stringify({ events: Array.from({ length: batchSize }, next) }) }),
      };
      row = summarize(await load({ url, duration, connections: 4, requests: [batch] }), batchSize);
    }
    if (step === 'rate')
      row = summarize(await load({ url, duration, connections: 32, overallRate: rate, requests: [single] }));
    if (!row) throw new Error(`unknown ingest step ${step} (one of ${INGEST_STEPS.join(', ')})`);
    const to = new Date();
    row.eventsPerSec = await storedPerSec(from, to);
    results.steps[step] = row;
    show(step, row);
    if (step === 'single' || step === 'batch') {
      row.drainSec = await drainSeconds(stack);
      row.cpu = cpuPerEvent(cpuBefore, cpuSnapshot(stack), Math.round((row.eventsPerSec * (to - from)) / 1000));
      log(
        `          drained in ${row.drainSec.toFixed(1)} s; CPU per event over the step and its drain: ` +
          `${describeCpu(row.cpu)}`,
      );
    }
  }
  results.drainSec = await drainSeconds(stack);
  log(
    Number.isFinite(results.drainSec)
      ? `  pipeline drained in ${results.drainSec.toFixed(1)} s (outbox empty, customs and notifications caught up)`
      : '  pipeline did NOT drain within 120 s',
  );
  results.rssMb = memory.stop();
  log(
    `  peak RSS (MB): ${Object.entries(results.rssMb)
      .map(([name, mb]) => `${name} ${mb}`)
      .join(', ')}`,
  );
  return results;
}
