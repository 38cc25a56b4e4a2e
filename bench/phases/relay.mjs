// The outbox relay's throughput, the figure beside ProducerPerformance's: on a stack with only the
// shipments service (no consumer competes for the CPU, as none competes with ProducerPerformance),
// one real border arrival is posted, and its outbox row is copied `events` times under new event
// ids in one transaction — a backlog of real facts. The relay (woken by the outbox trigger's NOTIFY)
// publishes it with acks=all and idempotence; throughput is the backlog over the time from the
// commit to the last row marked published.
import { sleep } from '../lib/common.mjs';
import { withClient } from '../lib/postgres.mjs';
import { benchKeys, bookDepartedShipments, borderArrival } from '../lib/shipments.mjs';

/** @param {{ events: number, timeoutSec?: number, log: (line: string) => void }} options */
export async function runRelay(stack, { events, timeoutSec = 180, log }) {
  const { shipper, carrier } = benchKeys(stack);
  const [shipmentId] = await bookDepartedShipments(stack, { count: 1, shipper, carrier });
  const outcome = await stack.post(
    'shipments',
    '/v1/carrier-events',
    borderArrival(`relay-${stack.id}`, shipmentId),
    carrier,
  );
  const pending = () => stack.scalar('SELECT count(*) FROM shipments.outbox WHERE published_at IS NULL');
  while ((await pending()) > 0) await sleep(100);
  const [sample] = await stack.rows(
    'SELECT event_id, length(payload::text) AS bytes FROM shipments.outbox ' +
      `WHERE event_type = 'shipment.border.reached' LIMIT 1`,
  );
  if (!sample)
    throw new Error(`relay: no shipment.border.reached in the outbox (the post answered ${JSON.stringify(outcome)})`);

  const committedAt = await withClient(stack.databaseUrl, async (client) => {
    await client.query(
      `INSERT INTO shipments.outbox (event_id, topic, event_type, source, subject, occurred_at, traceparent, payload)
       SELECT gen_random_uuid(), topic, event_type, source, subject, occurred_at, traceparent, payload
         FROM shipments.outbox CROSS JOIN generate_series(1, $2::int) WHERE event_id = $1`,
      [sample.event_id, events],
    );
    return Date.now();
  });
  const deadline = committedAt + timeoutSec * 1000;
  while ((await pending()) > 0) {
    if (Date.now() > deadline)
      throw new Error(`relay: ${await pending()} of ${events} events still unpublished after ${timeoutSec} s`);
    await sleep(100);
  }
  const lastMs = await stack.scalar('SELECT extract(epoch FROM max(published_at)) * 1000 FROM shipments.outbox');
  const seconds = Math.max(lastMs - committedAt, 1) / 1000;
  const result = { events, payloadBytes: Number(sample.bytes), seconds, perSec: events / seconds };
  log(
    `  relay: ${events} outbox rows (payload ${result.payloadBytes} B + CloudEvents headers) ` +
      `published in ${seconds.toFixed(1)} s: ${Math.round(result.perSec)} events/s`,
  );
  return result;
}
