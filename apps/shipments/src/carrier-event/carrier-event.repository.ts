import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, Place } from '@lib/contracts';
import { preparedQuery, SqlParams } from '@lib/database';
import { FollowUps, type PlannedFollowUp } from '@lib/follow-ups';
import { Outbox, type NewEvent } from '@lib/messaging';
import type { TrackedShipment } from '../shipment/tracking-state';

/** A carrier event id the history already holds: the same body again is a duplicate, another is a reuse. */
export interface SeenEvent {
  hash: string;
  shipmentId: string;
}

/** The shipments a post names, locked for its transaction, and which of its event ids are taken. */
export interface LockedShipments {
  /** The current state of each locked shipment; the rules' result replaces it as events apply. */
  byId: Map<string, TrackedShipment>;
  idOf(trackingNumber: string | undefined): string | undefined;
  seen: Map<string, SeenEvent>;
}

/** One accepted event as the history keeps it. */
export interface HistoryRow {
  id: string;
  shipmentId: string;
  carrierEventId: string;
  requestHash: string;
  legSequence: number;
  kind: string;
  classifier: string;
  occurredAt: string;
  acceptedAt: string;
  location: Place | null;
  details: Record<string, unknown>;
  published: string[];
}

/** Everything the accepted events of one post change, written together. */
export interface AcceptedEvents {
  tenantId: string;
  history: HistoryRow[];
  /** The final state of each shipment the events changed. */
  changed: TrackedShipment[];
  facts: NewEvent<EventType>[];
  followUps: PlannedFollowUp[];
}

interface ReadRow {
  shipments: (Omit<TrackedShipment, 'shipperId' | 'inExcursion'> & {
    tracking_number: string;
    shipper_id: string;
    in_excursion: boolean;
    moved: boolean | null;
  })[];
  seen: { eventId: string; hash: string; shipmentId: string }[];
}

/**
 * Locks the shipments (in id order, so concurrent posts cannot deadlock) and reads the carrier's event
 * ids already taken, in one statement. `moved`: the row locked is newer than the statement's
 * snapshot — another transaction changed the shipment and committed while this one waited for the
 * lock (EvalPlanQual hands back the newest row), so history it wrote may be missing from `seen`.
 */
const LOCK_AND_READ = `
  WITH locked AS (
    SELECT s.id, s.tracking_number, s.shipper_id, s.status, s.cargo, s.legs, s.position, s.in_excursion,
           s.xmin <> (SELECT v.xmin FROM "shipments".shipments v WHERE v.id = s.id) AS moved
      FROM "shipments".shipments s
     WHERE s.id = ANY($1::uuid[]) OR s.tracking_number = ANY($2::text[])
     ORDER BY s.id
       FOR UPDATE OF s)
  SELECT (SELECT coalesce(json_agg(locked), '[]') FROM locked) AS shipments,
         (SELECT coalesce(json_agg(json_build_object(
                   'eventId', e.carrier_event_id, 'hash', e.request_hash, 'shipmentId', e.shipment_id)), '[]')
            FROM "shipments".shipment_events e
           WHERE e.tenant_id = $3 AND e.carrier_event_id = ANY($4::text[])) AS seen`;

/**
 * The SQL of carrier events. A post costs two statements inside its transaction: one that locks and
 * reads (`lock`), one that writes everything the rules accepted (`write`); both prepared, as the
 * hot path's planning would otherwise cost more than its work.
 */
@Injectable()
export class CarrierEventRepository {
  constructor(
    private readonly outbox: Outbox,
    private readonly followUps: FollowUps,
  ) {}

  /** Events may name a shipment by id or by tracking number: both resolve to the one state kept by id. */
  async lock(
    manager: EntityManager,
    tenantId: string,
    events: { eventId: string; shipmentId?: string; trackingNumber?: string }[],
  ): Promise<LockedShipments> {
    const ids = [...new Set(events.map((e) => e.shipmentId).filter((id): id is string => !!id))];
    const numbers = [...new Set(events.map((e) => e.trackingNumber).filter((n): n is string => !!n))];
    const params = [ids, numbers, tenantId, events.map((e) => e.eventId)];
    let [read] = await preparedQuery<ReadRow>(manager, LOCK_AND_READ, params);
    // Now that this transaction holds the locks, a second read sees whatever the first one's snapshot missed.
    if (read.shipments.some((s) => s.moved)) [read] = await preparedQuery<ReadRow>(manager, LOCK_AND_READ, params);
    const byId = new Map<string, TrackedShipment>();
    const idByNumber = new Map<string, string>();
    for (const row of read.shipments) {
      byId.set(row.id, {
        id: row.id,
        shipperId: row.shipper_id,
        status: row.status,
        cargo: row.cargo,
        legs: row.legs,
        position: row.position,
        inExcursion: row.in_excursion,
      });
      idByNumber.set(row.tracking_number, row.id);
    }
    return {
      byId,
      idOf: (trackingNumber) => (trackingNumber === undefined ? undefined : idByNumber.get(trackingNumber)),
      seen: new Map(read.seen.map((s) => [s.eventId, { hash: s.hash, shipmentId: s.shipmentId }])),
    };
  }

  /**
   * History rows, the shipments' new state, the outbox facts and the follow-ups, in one statement of
   * the caller's transaction (which holds the locks `lock` took). Returns the follow-ups that are new,
   * to schedule once the transaction has committed.
   */
  async write(manager: EntityManager, accepted: AcceptedEvents): Promise<PlannedFollowUp[]> {
    if (accepted.history.length === 0) return [];
    if (!manager.queryRunner?.isTransactionActive)
      throw new Error('carrier events are written in the transaction that locked their shipments');
    const params = new SqlParams();
    const history = accepted.history.map((h) => ({
      id: h.id,
      shipment_id: h.shipmentId,
      carrier_event_id: h.carrierEventId,
      request_hash: h.requestHash,
      leg_sequence: h.legSequence,
      kind: h.kind,
      classifier: h.classifier,
      occurred_at: h.occurredAt,
      accepted_at: h.acceptedAt,
      location: h.location,
      details: h.details,
      published: h.published,
    }));
    const state = accepted.changed.map((s) => ({
      id: s.id,
      status: s.status,
      legs: s.legs,
      position: s.position,
      in_excursion: s.inExcursion,
    }));
    const parts = [
      `history AS (
        INSERT INTO "shipments".shipment_events
          (id, shipment_id, tenant_id, carrier_event_id, request_hash, leg_sequence, kind, classifier,
           occurred_at, accepted_at, location, details, published)
        SELECT id, shipment_id, ${params.add(accepted.tenantId)}, carrier_event_id, request_hash, leg_sequence, kind,
               classifier, occurred_at, accepted_at, location, details, published
          FROM json_to_recordset(${params.add(JSON.stringify(history), 'json')}) AS h(
            id uuid, shipment_id uuid, carrier_event_id text, request_hash text, leg_sequence int, kind text,
            classifier text, occurred_at timestamptz, accepted_at timestamptz, location jsonb, details jsonb,
            published text[]))`,
      `state AS (
        UPDATE "shipments".shipments AS s
           SET status = v.status, legs = v.legs, position = v.position, in_excursion = v.in_excursion,
               updated_at = now()
          FROM json_to_recordset(${params.add(JSON.stringify(state), 'json')})
               AS v(id uuid, status text, legs jsonb, position jsonb, in_excursion boolean)
         WHERE s.id = v.id)`,
    ];
    if (accepted.facts.length > 0) parts.push(`outbox AS (${this.outbox.insertion(accepted.facts, params).sql})`);
    const followUpsSql =
      accepted.followUps.length > 0
        ? this.followUps.insertion(accepted.followUps, params)
        : 'SELECT NULL::text AS id WHERE false';
    parts.push(`follow_ups AS (${followUpsSql})`);
    const recorded = await preparedQuery<{ id: string }>(
      manager,
      `WITH ${parts.join(',\n')}\nSELECT id FROM follow_ups`,
      params.values,
    );
    return this.followUps.fresh(accepted.followUps, recorded);
  }
}
