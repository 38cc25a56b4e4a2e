// The carrier write set as pgbench scripts (pure): the statements one accepted carrier event costs
// in the shipments service — lock the shipment row, insert the history row, update the shipment,
// insert the outbox row — for one event or a batch per transaction, and the shipments they act on.
import { SEEDED_ID_SQL, SEEDED_TRACKING_NUMBER_SQL, seededIdSql } from '../lib/seeded.mjs';

const TENANT = 'tenant_bench_carrier';
const SHIPPER = 'tenant_bench_shipper';

/** A shipment as the benchmark books it (one road leg Karachi → Torkham), after its departure. */
const CARGO = { commodity: 'cotton yarn', hsCode: '5205.12', packages: 100, weightKg: 1500 };
const LEGS = [
  {
    sequence: 1,
    mode: 'ROAD',
    carrier: 'NLC',
    from: { locode: 'PKKHI', name: 'Karachi' },
    to: { locode: 'PKTOR', name: 'Torkham' },
    crossing: 'Torkham',
    plannedDeparture: '2026-12-01T00:00:00.000Z',
    plannedArrival: '2026-12-03T00:00:00.000Z',
    status: 'DEPARTED',
    hasActual: true,
    actualDeparture: '2026-12-01T01:00:00.000Z',
  },
];
/** shipment.border.reached as the rules write it (about the size of the real one). */
const PAYLOAD = {
  shipmentId: '00000000-0000-0000-0000-000000000000',
  shipperId: SHIPPER,
  legSequence: 1,
  carrier: 'NLC',
  location: { locode: 'PKKHI', name: 'Karachi' },
  occurredAt: '2026-12-02T00:00:00.000Z',
  acceptedAt: '2026-12-02T00:00:00.000Z',
  crossing: 'Torkham',
};
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/**
 * A SQL string literal of `value` as JSON. pgbench substitutes `:name` anywhere in a script, even
 * inside literals, so JSON is written with a space after each colon (`"hasActual": true`).
 */
function jsonLiteral(value) {
  const json = JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ');
  return `'${json.replaceAll("'", "''")}'`;
}

/**
 * Seeds shipments from…to (1-based), each with the id of its number (bench/lib/seeded.mjs) — what the
 * scripts name with `:base` — and the departure its history holds (the history table is as large as the system's).
 */
export function seedStatements(from, to) {
  return [
    {
      text: `INSERT INTO shipments.shipments (id, tracking_number, shipper_id, status, cargo, legs, booked_at)
             SELECT ${SEEDED_ID_SQL}, ${SEEDED_TRACKING_NUMBER_SQL}, $1, 'IN_TRANSIT', $2::jsonb, $3::jsonb,
                    now() - i * interval '1 second'
               FROM generate_series($4::int, $5::int) AS i`,
      values: [SHIPPER, JSON.stringify(CARGO), JSON.stringify(LEGS), from, to],
    },
    {
      text: `INSERT INTO shipments.shipment_events (id, shipment_id, tenant_id, carrier_event_id, request_hash,
                    leg_sequence, kind, classifier, occurred_at, accepted_at, details, published)
             SELECT gen_random_uuid(), ${SEEDED_ID_SQL}, $1, 'dep-' || i, md5(CAST(i AS text)) || md5(CAST(-i AS text)),
                    1, 'departure', 'ACT', $2::timestamptz, $2::timestamptz, '{}', '{shipment.leg.departed}'
               FROM generate_series($3::int, $4::int) AS i`,
      values: [TENANT, LEGS[0].actualDeparture, from, to],
    },
  ];
}

/** Shipment k of a transaction: number base + k·stride (mod n), 1-based as seeded. */
function shipmentId(k, stride) {
  return seededIdSql(`mod(:base + ${k * stride}, :shipments) + 1`);
}

/**
 * A stride that spreads a transaction's `events` shipments over all `shipments` and never names one
 * twice: a prime that does not divide the count, so base + k·stride (mod n) differ for k < events ≤ n.
 */
export function strideFor(shipments, events) {
  if (shipments < events)
    throw new Error(`pgbench: a transaction of ${events} events needs at least ${events} shipments`);
  return [7919, 7907, 7901].find((prime) => shipments % prime !== 0);
}

/** The pgbench script of one transaction writing `events` carrier events, the way the service writes them. */
export function carrierWriteSetScript(events, shipments) {
  const stride = strideFor(shipments, events);
  const ks = Array.from({ length: events }, (_, k) => k);
  const ids = ks.map((k) => shipmentId(k, stride));
  const details = jsonLiteral({ crossing: 'Torkham' });
  const legs = jsonLiteral(LEGS);
  const payload = jsonLiteral(PAYLOAD);
  return [
    '\\set base random(0, :shipments - 1)',
    'BEGIN;',
    `SELECT id, tracking_number, shipper_id, status, cargo, legs, position, ` +
      `in_excursion FROM shipments.shipments WHERE id = ANY(ARRAY[${ids.join(', ')}]) ORDER BY id FOR UPDATE;`,
    `INSERT INTO shipments.shipment_events (id, shipment_id, tenant_id, carrier_event_id, request_hash, ` +
      `leg_sequence, kind, classifier, occurred_at, accepted_at, location, details, published) VALUES ${ids
        .map(
          (id) =>
            `(gen_random_uuid(), ${id}, '${TENANT}', CAST(gen_random_uuid() AS text), md5(CAST(random() AS text)) ` +
            `|| md5(CAST(random() AS text)), 1, 'border_arrival', 'ACT', now(), now(), NULL, ${details}, ` +
            `'{shipment.border.reached}')`,
        )
        .join(', ')};`,
    `UPDATE shipments.shipments AS s SET status = v.status, legs = CAST(v.legs AS jsonb), position = NULL, ` +
      `in_excursion = false, updated_at = now() FROM (VALUES ${ids
        .map((id) => `(${id}, 'IN_TRANSIT', ${legs})`)
        .join(', ')}) AS v(id, status, legs) WHERE s.id = v.id;`,
    `INSERT INTO shipments.outbox (event_id, topic, event_type, source, subject, occurred_at, traceparent, payload) ` +
      `VALUES ${ids
        .map(
          (id) =>
            `(gen_random_uuid(), 'shipments', 'shipment.border.reached', '/shipments', CAST(${id} AS text), now(), ` +
            `'${TRACEPARENT}', CAST(${payload} AS jsonb))`,
        )
        .join(', ')};`,
    'END;',
    '',
  ].join('\n');
}
