import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Place, TransportMode } from '@lib/contracts';
import { utcMicros } from '@lib/http';
import type { Principal } from '@lib/identity';
import { DCSA_OF_KIND, type CustomsKind, type DcsaCode } from './dcsa.codes';
import { LEG_END_OF_KIND, type EventKind } from '../carrier-event/carrier-event.kinds';
import { feedCursor, type Comparison, type FeedQuery } from './dcsa-query';
import { toDcsaEvent, type DcsaEvent, type FeedRow } from './dcsa-events';

const KINDS = Object.entries(DCSA_OF_KIND) as [EventKind | CustomsKind, DcsaCode][];
const ESTIMATED_ARRIVAL = DCSA_OF_KIND.arrival!;

/**
 * A CASE over the event's kind, from DCSA_OF_KIND (constants only: nothing from a request); an estimate is an
 * arrival estimate whatever its kind (dcsaCodeOf).
 */
const byKind = (value: (code: DcsaCode) => string) =>
  `CASE WHEN e.classifier <> 'ACT' THEN ${value(ESTIMATED_ARRIVAL)}
        ${KINDS.map(([kind, code]) => `WHEN e.kind = '${kind}' THEN ${value(code)}`).join(' ')} END`;

/** Which end of its leg an event is at (LEG_END_OF_KIND; an estimate: the end it estimates the arrival at). */
const CALL_END = `CASE WHEN e.classifier <> 'ACT' THEN 'to'
  ${Object.entries(LEG_END_OF_KIND)
    .map(([kind, end]) => `WHEN e.kind = '${kind}' THEN '${end}'`)
    .join(' ')} ELSE 'from' END`;

/** Transactions below this have all finished: no row they wrote can still appear (see events()). */
const HORIZON = '(SELECT pg_snapshot_xmin(pg_current_snapshot()))';

/**
 * Every fact the feed can answer, one row each, as two branches: accepted carrier events of kinds DCSA names
 * and estimates, on legs with a DCSA mode; and each shipment's booking (keyed by the shipment's id; its
 * eventID is derived from it). `tx` is the id of the transaction that wrote the row. `filter` is applied to
 * each branch with its ORDER BY and LIMIT, so a page reads an index range of each table, not the history.
 */
const feedBranches = (filter: string, limit: string) => `
  (SELECT * FROM (
    SELECT e.tx, e.id, 'carrier' AS source, e.accepted_at AS created_at, e.occurred_at, e.kind, e.classifier,
           s.id AS shipment_id, s.tracking_number, s.shipper_id, e.leg_sequence, x.leg ->> 'mode' AS mode,
           ${byKind((c) => `'${c.eventType}'`)} AS event_type,
           ${byKind((c) => `'${c.code}'`)} AS type_code,
           ${byKind((c) => (c.documentTypeCode ? `'${c.documentTypeCode}'` : 'NULL'))} AS document_type,
           CASE WHEN e.classifier <> 'ACT' THEN x.leg -> 'to' ELSE coalesce(e.location, x.leg -> ${CALL_END}) END
             AS place,
           ${CALL_END} AS call_end,
           e.details ->> 'equipmentReference' AS equipment_reference,
           e.details ->> 'estimatedArrival' AS estimated_arrival
      FROM "shipments".shipment_events e
      JOIN "shipments".shipments s ON s.id = e.shipment_id
      CROSS JOIN LATERAL (SELECT l FROM jsonb_array_elements(s.legs) l
                           WHERE (l ->> 'sequence')::int = e.leg_sequence) AS x(leg)
     WHERE e.tx < ${HORIZON}
       AND (e.kind IN (${KINDS.map(([kind]) => `'${kind}'`).join(', ')}) OR e.classifier <> 'ACT')
       AND (x.leg ->> 'mode' <> 'AIR' OR ${byKind((c) => String(c.eventType === 'SHIPMENT'))})
  ) carrier ${filter} ORDER BY tx, id LIMIT ${limit})
  UNION ALL
  (SELECT * FROM (
    -- Database time, like every other row's eventCreatedDateTime (booked_at is the simulated clock's).
    SELECT s.tx, s.id, 'booking' AS source, s.created_at, s.created_at AS occurred_at, NULL AS kind,
           'ACT' AS classifier, s.id AS shipment_id, s.tracking_number, s.shipper_id, NULL::int AS leg_sequence,
           NULL AS mode, 'SHIPMENT' AS event_type, 'CONF' AS type_code, 'BKG' AS document_type,
           NULL::jsonb AS place, NULL AS call_end, NULL AS equipment_reference, NULL AS estimated_arrival
      FROM "shipments".shipments s
     WHERE s.tx < ${HORIZON}
  ) booking ${filter} ORDER BY tx, id LIMIT ${limit})`;

interface Row {
  /** xid8, which node-postgres hands over as text. */
  tx: string;
  id: string;
  source: 'carrier' | 'booking';
  created_at: Date;
  created_key: string;
  occurred_at: Date;
  kind: EventKind | CustomsKind | null;
  classifier: 'ACT' | 'EST' | 'PLN';
  shipment_id: string;
  tracking_number: string;
  leg_sequence: number | null;
  mode: TransportMode | null;
  place: Place | null;
  call_end: 'from' | 'to' | null;
  equipment_reference: string | null;
  estimated_arrival: string | null;
}

const SQL_OP: Record<Comparison, string> = { gte: '>=', gt: '>', lte: '<=', lt: '<', eq: '=' };

function feedRow(r: Row): FeedRow {
  // With its microseconds (customs' rows are stamped by Postgres): eventCreatedDateTime:gt of an event
  // read here must not find that event again.
  const createdAt = r.created_key;
  if (r.source === 'booking')
    return { source: 'booking', createdAt, shipmentId: r.shipment_id, trackingNumber: r.tracking_number };
  return {
    source: 'carrier',
    id: r.id,
    createdAt,
    occurredAt: r.occurred_at.toISOString(),
    kind: r.kind!,
    classifier: r.classifier,
    shipmentId: r.shipment_id,
    trackingNumber: r.tracking_number,
    legSequence: r.leg_sequence!,
    mode: r.mode!,
    callEnd: r.call_end!,
    place: r.place,
    equipmentReference: r.equipment_reference,
    estimatedArrival: r.estimated_arrival ? new Date(r.estimated_arrival).toISOString() : null,
  };
}

/**
 * The DCSA TNT 2.2 feed: shipments' facts as DCSA events, scoped like GET /v1/shipments, one keyset page at a
 * time, in the order their transactions began (then by id). A poller resumes after its cursor and must never
 * miss a row, so a row is served only once every transaction that could still write one behind it has
 * finished: its transaction id is below the oldest one still running (pg_snapshot_xmin). A timestamp cannot
 * do this: it is taken when a transaction starts, and one that commits later would land behind the cursor.
 * The price: a row waits for every transaction older than it in the cluster, so keep transactions short.
 */
@Injectable()
export class DcsaService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async events(principal: Principal, query: FeedQuery): Promise<{ events: DcsaEvent[]; nextCursor: string | null }> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    switch (principal.role) {
      case 'shipper':
        where.push(`shipper_id = ${p(principal.tenantId)}`);
        break;
      case 'customs_broker':
        where.push(`shipper_id = ANY(${p(principal.actsFor)}::text[])`);
        break;
      case 'operator':
        break;
      default:
        // The controller admits only the roles above; anything else sees nothing.
        where.push('false');
    }
    const typed = (type: string, codes: string[] | undefined) => {
      if (codes) where.push(`(event_type = '${type}' AND type_code = ANY(${p(codes)}::text[]))`);
    };
    if (query.eventTypes) where.push(`event_type = ANY(${p(query.eventTypes)}::text[])`);
    typed('SHIPMENT', query.shipmentEventTypeCodes);
    typed('TRANSPORT', query.transportEventTypeCodes);
    typed('EQUIPMENT', query.equipmentEventTypeCodes);
    if (query.documentTypeCodes) where.push(`document_type = ANY(${p(query.documentTypeCodes)}::text[])`);
    for (const trackingNumber of new Set(query.trackingNumbers)) where.push(`tracking_number = ${p(trackingNumber)}`);
    if (query.equipmentReference) where.push(`equipment_reference = ${p(query.equipmentReference)}`);
    if (query.unLocationCode) where.push(`place ->> 'locode' = ${p(query.unLocationCode)}`);
    for (const { op, at } of query.created) where.push(`created_at ${SQL_OP[op]} ${p(at)}::timestamptz`);
    if (query.cursor) where.push(`(tx, id) > (${p(query.cursor.tx)}::xid8, ${p(query.cursor.id)}::uuid)`);

    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: Row[] = await this.dataSource.query(
      `SELECT feed.*, ${utcMicros('created_at')} AS created_key
         FROM (${feedBranches(filter, p(query.limit + 1))}) feed
        ORDER BY feed.tx, feed.id LIMIT ${p(query.limit + 1)}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      events: page.map((r) => toDcsaEvent(feedRow(r))),
      nextCursor: rows.length > query.limit && last ? feedCursor.encode({ tx: last.tx, id: last.id }) : null,
    };
  }
}
