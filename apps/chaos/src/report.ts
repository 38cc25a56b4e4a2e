import type { ShipmentRun } from '../../simulator/src/shipment-run';
import type { FaultRecord } from './faults';
import type { DatabaseFacts, DrainState, Fact } from './observe';
import { acceptedEventIds, type ClientLedger } from './retrying-client';
import type { TargetTally } from './tally';

export interface Observations {
  shipments: number;
  seed: number;
  postgresMode: string;
  driveSeconds: number;
  /** Seconds spent in each phase of the run. */
  timings: { startup: number; drive: number; faultsAfterDrive: number; drain: number; checks: number };
  runs: ShipmentRun[];
  failures: string[];
  faults: FaultRecord[];
  plannedFaults: number;
  unexpectedExits: string[];
  client: ClientLedger;
  database: DatabaseFacts;
  facts: Fact[];
  doubledFacts: string[];
  drain: { drained: boolean; seconds: number; state: DrainState };
  webhooks: { shipper: string; filters: string[]; tally: TargetTally; distinctIds: number }[];
  emails: { shipper: string; tally: TargetTally }[];
  feeds: { shipper: string; tally: TargetTally; reconnects: number }[];
  deadLetters: string[];
  /** Facts of one shipment (or crossing) out of the order their service accepted them, on Kafka or at a consumer. */
  ordering: { subjects: number; publication: string[]; consumption: string[] };
  /** Processes of each service and brokers in the run. */
  topology: { instances: number; brokers: number };
}

const n = (value: number) => value.toLocaleString('en-US');
const sum = (items: TargetTally[], pick: (t: TargetTally) => number) => items.reduce((s, t) => s + pick(t), 0);

/** The printed summary and, separately, every loss or doubled effect it shows (exit 1 if any). */
export function report(o: Observations): { lines: string[]; problems: string[]; warnings: string[] } {
  const lines: string[] = [];
  const problems: string[] = [];
  const warnings: string[] = [];
  const line = (label: string, text: string) => lines.push(`  ${label.padEnd(22)} ${text}`);

  line(
    'topology',
    `${o.topology.instances} instance${o.topology.instances > 1 ? 's' : ''} of each service` +
      `${o.topology.instances > 1 ? ' behind a round-robin balancer' : ''}; ${o.topology.brokers} Kafka ` +
      `broker${o.topology.brokers > 1 ? 's' : ''} (replication factor ${Math.min(3, o.topology.brokers)}, ` +
      `min.insync.replicas ${o.topology.brokers >= 3 ? 2 : 1})`,
  );
  const delivered = o.runs.filter((r) => r.delivered).length;
  line(
    'drive',
    `${o.driveSeconds.toFixed(0)} s; shipments delivered ${delivered} of ${o.shipments}; failed ${o.failures.length}`,
  );
  for (const failure of o.failures.slice(0, 10)) lines.push(`      ✖ ${failure}`);
  if (o.failures.length > 10) lines.push(`      … and ${o.failures.length - 10} more`);
  if (o.failures.length) problems.push(`${o.failures.length} shipments could not be driven to delivery`);

  const during = o.faults.filter((f) => f.phase === 'drive').length;
  line(
    'faults',
    `${o.faults.length} injected (${during} during the drive, ${o.faults.length - during} after it while draining); ` +
      `postgres: ${o.postgresMode}`,
  );
  for (const f of o.faults)
    lines.push(
      `      ${f.at.toFixed(1).padStart(6)} s  ${f.detail}; ` +
        `${f.error ? `✖ ${f.error}` : `every service ready again after ${f.recoveredSeconds.toFixed(1)} s`}`,
    );
  const broken = o.faults.filter((f) => f.error);
  if (broken.length) problems.push(`the system did not come back from ${broken.map((f) => f.kind).join(', ')}`);
  if (o.faults.length < o.plannedFaults)
    problems.push(`only ${o.faults.length} of ${o.plannedFaults} faults were injected`);
  if (o.unexpectedExits.length) {
    line('services died alone', `${o.unexpectedExits.length} (restarted)`);
    for (const exit of o.unexpectedExits) lines.push(`      ⚠ ${exit}`);
    warnings.push(`${o.unexpectedExits.length} service exits nobody caused`);
  }

  const r = o.client.retries;
  line(
    'clients',
    `${n(o.client.requests)} requests in ${n(o.client.attempts)} attempts; retried on network error ${n(r.network)}, ` +
      `5xx ${n(r['server error'])}, 409 key in flight ${n(r['key in flight'])}, 429 ${n(r['rate limited'])}; ` +
      `gave up ${o.client.gaveUp.length}`,
  );
  for (const gaveUp of o.client.gaveUp.slice(0, 5)) lines.push(`      ✖ ${gaveUp}`);

  const inDatabase = new Set(o.database.shipments.map((s) => s.id));
  const extraBookings = o.database.shipments.length - o.client.bookingKeys.size;
  const lostBookings = [...o.client.bookedIds].filter((id) => !inDatabase.has(id));
  line(
    'bookings',
    `${n(o.client.bookingKeys.size)} Idempotency-Keys sent, ${n(o.client.bookedIds.size)} answered 201, ` +
      `${n(o.database.shipments.length)} in the database → extra bookings ${Math.max(0, extraBookings)}; ` +
      `answered but missing ${lostBookings.length}`,
  );
  if (extraBookings > 0) problems.push(`${extraBookings} extra bookings: more shipments than Idempotency-Keys sent`);
  if (lostBookings.length)
    problems.push(`${lostBookings.length} booked shipments (answered 201) are not in the database`);

  const accepted = acceptedEventIds(o.client);
  const notStored = accepted.filter((id) => !o.database.storedEvents.has(id));
  line(
    'carrier events',
    `${n(accepted.length)} accepted (distinct eventId: 201, or 200 duplicate after a retry); ` +
      `${n(o.database.storedEvents.size)} in the history; accepted but not stored ${notStored.length}`,
  );
  if (notStored.length) problems.push(`${notStored.length} accepted carrier events are not in the history`);

  const distinct = new Set(o.facts.map((f) => f.eventId));
  const byTopic = (topic: Fact['topic']) =>
    new Set(o.facts.filter((f) => f.topic === topic).map((f) => f.eventId)).size;
  const unpublished = [...o.database.outboxIds].filter((id) => !distinct.has(id));
  line(
    'facts on Kafka',
    `${n(distinct.size)} distinct ce_id (shipments ${n(byTopic('shipments'))}, customs ${n(byTopic('customs'))}, ` +
      `notifications ${n(byTopic('notifications'))}) in ${n(o.facts.length)} records ` +
      `(${n(o.facts.length - distinct.size)} ` +
      `republished on the wire); outbox rows never on Kafka ${unpublished.length}; ` +
      `once-only facts doubled ${o.doubledFacts.length}`,
  );
  for (const d of o.doubledFacts.slice(0, 5)) lines.push(`      ✖ ${d}`);
  for (const id of unpublished.slice(0, 5))
    lines.push(`      ✖ not on Kafka: ${id} (${o.database.outboxRows?.get(id) ?? 'outbox row'})`);
  if (unpublished.length) problems.push(`${unpublished.length} outbox rows never reached Kafka`);
  if (o.doubledFacts.length)
    problems.push(`${o.doubledFacts.length} once-only facts published twice under different ce_ids`);

  const { ordering } = o;
  line(
    'order per shipment',
    `${n(ordering.subjects)} shipments and crossings on shipments.events: published out of acceptance order ` +
      `${ordering.publication.length}, taken effect out of Kafka order ${ordering.consumption.length}`,
  );
  for (const b of [...ordering.publication, ...ordering.consumption].slice(0, 5)) lines.push(`      ✖ ${b}`);
  if (ordering.publication.length)
    problems.push(`${ordering.publication.length} subjects' facts published out of acceptance order`);
  if (ordering.consumption.length)
    problems.push(`${ordering.consumption.length} subjects' facts taken effect out of order by a consumer`);

  const s = o.drain.state;
  line(
    'drain',
    o.drain.drained
      ? `drained ${o.drain.seconds.toFixed(0)} s after the drive (outbox 0, consumer lag 0, pending deliveries 0)`
      : `NOT drained ${o.drain.seconds.toFixed(0)} s after the drive: outbox ${s.outboxPending}, ` +
          `lagging ${s.lagging.join(', ') || 'none'}, pending deliveries ${s.pendingDeliveries}`,
  );
  if (!o.drain.drained) problems.push('the pipeline did not drain');

  const hooks = o.webhooks.map((w) => w.tally);
  line(
    'webhooks',
    `${n(sum(hooks, (t) => t.expected))} expected, ${n(o.webhooks.reduce((s2, w) => s2 + w.distinctIds, 0))} ` +
      `distinct webhook-ids received; missing ${sum(hooks, (t) => t.missing.length)}, ` +
      `doubled ${sum(hooks, (t) => t.doubled)}, duplicates by webhook-id ${sum(hooks, (t) => t.redelivered)}, ` +
      `unexpected ${sum(hooks, (t) => t.unexpected)}, bad signatures ${sum(hooks, (t) => t.badSignatures)}`,
  );
  for (const w of o.webhooks) lines.push(`      ${w.shipper} [${w.filters.join(', ')}]: ${tallyText(w.tally)}`);
  lines.push(
    '      (doubled: one fact under two webhook-ids; a duplicate by webhook-id is a redelivery the receiver dedupes)',
  );
  const mails = o.emails.map((e) => e.tally);
  line(
    'emails',
    `${n(sum(mails, (t) => t.expected))} expected; ` +
      `${o.emails.map((e) => `${e.shipper}: ${tallyText(e.tally)}`).join('; ')}`,
  );
  const feeds = o.feeds.map((f) => f.tally);
  line(
    'live feed (SSE)',
    `${n(sum(feeds, (t) => t.expected))} expected; reconnects ${o.feeds.reduce((s2, f) => s2 + f.reconnects, 0)}`,
  );
  for (const f of o.feeds) lines.push(`      ${f.shipper}: ${tallyText(f.tally)}`);
  line('deliveries given up', String(o.database.failedDeliveries));
  line('dead letters', String(o.deadLetters.length));
  for (const d of o.deadLetters.slice(0, 5)) lines.push(`      ✖ ${d}`);
  const t = o.timings;
  line(
    'timings',
    `start-up ${t.startup.toFixed(0)} s, drive ${t.drive.toFixed(0)} s, faults after the drive ` +
      `${t.faultsAfterDrive.toFixed(0)} s, drain ${t.drain.toFixed(0)} s, checks ${t.checks.toFixed(0)} s`,
  );

  const channel = (name: string, tallies: TargetTally[], repeatsCount: boolean) => {
    const missing = sum(tallies, (t) => t.missing.length);
    const doubled = sum(tallies, (t) => t.doubled) + (repeatsCount ? sum(tallies, (t) => t.redelivered) : 0);
    const unexpected = sum(tallies, (t) => t.unexpected);
    const unsigned = sum(tallies, (t) => t.badSignatures);
    if (missing) problems.push(`${missing} facts missing from ${name}`);
    if (doubled) problems.push(`${doubled} facts doubled in ${name}`);
    if (unexpected) problems.push(`${unexpected} facts in ${name} that were not the shipper's to have`);
    if (unsigned) problems.push(`${unsigned} ${name} with a bad signature`);
  };
  channel('webhooks', hooks, false);
  channel('emails', mails, false);
  // A feed reader resuming with Last-Event-ID must get each notification exactly once.
  channel('the live feed', feeds, true);
  if (o.database.failedDeliveries) problems.push(`${o.database.failedDeliveries} notifications given up on`);
  if (o.deadLetters.length) problems.push(`${o.deadLetters.length} dead letters`);
  return { lines, problems, warnings };
}

function tallyText(t: TargetTally): string {
  return (
    `expected ${n(t.expected)}, received ${n(t.received)}, missing ${t.missing.length}, doubled ${t.doubled}, ` +
    `duplicates ${t.redelivered}, unexpected ` +
    `${t.unexpected}${t.badSignatures ? `, bad signatures ${t.badSignatures}` : ''}`
  );
}
