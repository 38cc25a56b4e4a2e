import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { deadLetterTopicName, topicName, type TopicKey } from '@lib/contracts';
import { groupCaughtUp, headerText, readTopicsToEnd } from '@lib/messaging';
import type { AcceptedFact, ProcessedFact } from './ordering';
import type { ServiceName } from './service-processes';

/** A fact as published on Kafka (one record; a republished fact is two records with one ce_id). */
export interface Fact {
  eventId: string;
  type: string;
  shipmentId: string;
  topic: TopicKey;
  data: Record<string, unknown>;
  /** Where the record sits on its topic. */
  partition: number;
  offset: number;
}

const SOURCE_TOPICS: TopicKey[] = ['shipments', 'customs', 'notifications'];

/** Which source topics each service's consumer group reads (it subscribes to the topics of the types it handles). */
const CONSUMED: Record<ServiceName, TopicKey[]> = {
  shipments: ['customs'],
  customs: ['shipments'],
  notifications: ['shipments', 'customs'],
};

/** Every record on the source topics, from the beginning. */
export async function factsOnKafka(kafka: Kafka): Promise<Fact[]> {
  const records = await readTopicsToEnd(
    kafka,
    SOURCE_TOPICS.map((key) => topicName(key)),
    120_000,
  );
  return records.map(({ topic, partition, message }) => ({
    partition,
    offset: Number(message.offset),
    eventId: headerText(message.headers, 'ce_id') ?? '',
    type: headerText(message.headers, 'ce_type') ?? '',
    shipmentId: headerText(message.headers, 'ce_subject') ?? '',
    topic: SOURCE_TOPICS.find((key) => topicName(key) === topic)!,
    data: parse(message.value?.toString()),
  }));
}

/** What the consumers gave up on: records on the dead-letter topics, with the reason. */
export async function deadLetters(kafka: Kafka): Promise<string[]> {
  const records = await readTopicsToEnd(
    kafka,
    SOURCE_TOPICS.map((key) => deadLetterTopicName(topicName(key))),
    60_000,
  );
  return records.map(
    ({ topic, message }) =>
      `${topic}: ${headerText(message.headers, 'ce_type')} ${headerText(message.headers, 'ce_id')} by ` +
      `${headerText(message.headers, 'dlq_consumer')}: ${headerText(message.headers, 'dlq_error')}`,
  );
}

export interface DrainState {
  /** Outbox rows not yet published, per schema. */
  outboxPending: number;
  /** Consumer groups that have not committed past the end of their topics. */
  lagging: string[];
  /** Webhook and email notifications still to be delivered. */
  pendingDeliveries: number;
}

export function drained(state: DrainState): boolean {
  return state.outboxPending === 0 && state.lagging.length === 0 && state.pendingDeliveries === 0;
}

export async function drainState(databaseUrl: string, kafka: Kafka): Promise<DrainState> {
  const [row] = await query<{ outbox: number; pending: number }>(
    databaseUrl,
    `SELECT (SELECT count(*) FROM "shipments".outbox WHERE published_at IS NULL)
          + (SELECT count(*) FROM "customs".outbox WHERE published_at IS NULL)
          + (SELECT count(*) FROM "notifications".outbox WHERE published_at IS NULL) AS outbox,
            (SELECT count(*) FROM "notifications".notifications WHERE status = 'pending') AS pending`,
  );
  const lagging: string[] = [];
  for (const [group, topics] of Object.entries(CONSUMED)) {
    if (
      !(await groupCaughtUp(
        kafka,
        group,
        topics.map((key) => topicName(key)),
      ))
    )
      lagging.push(group);
  }
  return { outboxPending: Number(row.outbox), lagging, pendingDeliveries: Number(row.pending) };
}

export interface DatabaseFacts {
  /** Every shipment in the database with its shipper. */
  shipments: { id: string; shipperId: string }[];
  /** Carrier events stored in the history (carrier_event_id), from the run's carriers. */
  storedEvents: Set<string>;
  /** Every outbox row of the three services (event_id = ce_id). */
  outboxIds: Set<string>;
  /** Each outbox row described for the summary (where it came from and what the relay recorded). */
  outboxRows?: Map<string, string>;
  /** Notifications not delivered in the end (status failed), per channel. */
  failedDeliveries: number;
}

export async function databaseFacts(databaseUrl: string, carrierTenantIds: string[]): Promise<DatabaseFacts> {
  const shipments = await query<{ id: string; shipper_id: string }>(
    databaseUrl,
    'SELECT id, shipper_id FROM "shipments".shipments',
  );
  // The history also holds customs holds and releases (tenant `customs`): only the carriers' posts count here.
  const events = await query<{ carrier_event_id: string }>(
    databaseUrl,
    'SELECT carrier_event_id FROM "shipments".shipment_events WHERE tenant_id = ANY($1::text[])',
    [carrierTenantIds],
  );
  const outbox = await query<{ event_id: string; row: string }>(
    databaseUrl,
    ['shipments', 'customs', 'notifications']
      .map(
        (schema) =>
          `SELECT event_id, concat_ws(' ', '${schema} seq', seq, event_type, subject, 'published', published_at, ` +
          `'attempts', attempts, last_error) AS row FROM "${schema}".outbox`,
      )
      .join(' UNION ALL '),
  );
  const [failed] = await query<{ n: number }>(
    databaseUrl,
    `SELECT count(*)::int AS n FROM "notifications".notifications WHERE status = 'failed'`,
  );
  return {
    shipments: shipments.map((s) => ({ id: s.id, shipperId: s.shipper_id })),
    storedEvents: new Set(events.map((e) => e.carrier_event_id)),
    outboxIds: new Set(outbox.map((o) => o.event_id)),
    outboxRows: new Map(outbox.map((o) => [o.event_id, o.row])),
    failedDeliveries: failed.n,
  };
}

/** What the ordering checks compare with Kafka: each service's outbox (acceptance order) and each consumer's inbox. */
export async function orderRecords(
  databaseUrl: string,
): Promise<{ accepted: AcceptedFact[]; processed: ProcessedFact[] }> {
  const accepted: AcceptedFact[] = [];
  const processed: ProcessedFact[] = [];
  for (const key of SOURCE_TOPICS) {
    const outbox = await query<{ topic: string; subject: string; seq: string; event_id: string }>(
      databaseUrl,
      `SELECT topic, subject, seq, event_id FROM "${key}".outbox`,
    );
    for (const row of outbox) {
      // The outbox names its topic by key (`shipments`), the relay adds the prefix and version.
      const topic = SOURCE_TOPICS.find((k) => k === row.topic);
      if (topic) accepted.push({ topic, subject: row.subject, seq: Number(row.seq), eventId: row.event_id });
    }
    const inbox = await query<{ consumer: string; event_id: string; at: string; partition: number; offset: string }>(
      databaseUrl,
      `SELECT consumer, event_id, (extract(epoch FROM processed_at) * 1000000)::bigint AS at, partition, "offset"
         FROM "${key}".inbox`,
    );
    for (const row of inbox)
      processed.push({
        consumer: row.consumer,
        eventId: row.event_id,
        processedAt: Number(row.at),
        partition: row.partition,
        offset: Number(row.offset),
      });
  }
  return { accepted, processed };
}

async function query<T>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  // pg emits a connection reset as an 'error' event as well as failing the query: unheard, it would
  // end the run (the Postgres fault resets connections); the rejected query says it anyway.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

function parse(text: string | undefined): Record<string, unknown> {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
