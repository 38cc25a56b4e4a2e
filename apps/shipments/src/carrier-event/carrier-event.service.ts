import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@lib/clock';
import { inTransaction, whenCommitted } from '@lib/database';
import { fieldErrors, type FieldError } from '@lib/http';
import type { Principal } from '@lib/identity';
import { Outbox, type NewEvent } from '@lib/messaging';
import type { EventType } from '@lib/contracts';
import { FollowUps, type PlannedFollowUp } from '@lib/follow-ups';
import { FOLLOW_UP_SETTINGS, followUpsForDeparture, type FollowUpSettings } from '../follow-up/follow-up.plan';
import { canSeeShipment } from '../shipment/shipment-access';
import { applyCarrierEvent, type CarrierEventInput } from './carrier-event.rules';
import { carrierEventSchema, type CarrierEventBody } from './dto/carrier-event.dto';
import type { TrackedShipment } from './tracking-state';

export const CUSTOMS_GATE = Symbol('CUSTOMS_GATE');

/** How far ahead of the clock an `occurredAt` may be (CONVENTIONS.md). */
export const MAX_FUTURE_MS = 15 * 60_000;

export interface EventOutcome {
  index: number;
  eventId?: string;
  /** The HTTP status this event alone would have got. */
  status: number;
  outcome: 'accepted' | 'duplicate' | 'refused' | 'invalid';
  shipmentId?: string;
  code?: string;
  detail?: string;
  errors?: FieldError[];
  published?: string[];
}

interface ShipmentRow {
  id: string;
  tracking_number: string;
  shipper_id: string;
  status: TrackedShipment['status'];
  cargo: TrackedShipment['cargo'];
  legs: TrackedShipment['legs'];
  position: TrackedShipment['position'];
  in_excursion: boolean;
}

interface LockedShipments {
  /** The current state of each locked shipment; the rules' result replaces it as events apply. */
  byId: Map<string, TrackedShipment>;
  idOf(trackingNumber: string | undefined): string | undefined;
}

type Parsed = { index: number; body: CarrierEventBody; hash: string } | { index: number; invalid: EventOutcome };

/**
 * Ingests carrier events: validates each, dedupes on the carrier's own event id, applies the rules
 * under the shipments' row locks, and writes the accepted ones — history, shipment state and outbox
 * events — in one transaction. A batch reports each event's outcome and is never half-written.
 */
@Injectable()
export class CarrierEventService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly followUps: FollowUps,
    @Inject(FOLLOW_UP_SETTINGS) private readonly followUpSettings: FollowUpSettings,
    @Inject(CUSTOMS_GATE) private readonly customsGate: boolean,
  ) {}

  async ingest(carrier: Principal, raw: unknown[]): Promise<EventOutcome[]> {
    const parsed: Parsed[] = raw.map((item, index) => {
      const result = carrierEventSchema.safeParse(item);
      if (!result.success) {
        const eventId = typeof (item as { eventId?: unknown })?.eventId === 'string' ? (item as { eventId: string }).eventId : undefined;
        return { index, invalid: { index, eventId, status: 422, outcome: 'invalid', errors: fieldErrors(result.error.issues, '(event)') } };
      }
      return { index, body: result.data, hash: createHash('sha256').update(JSON.stringify(result.data)).digest('hex') };
    });
    const valid = parsed.filter((p): p is Extract<Parsed, { body: CarrierEventBody }> => 'body' in p);
    if (valid.length === 0) return parsed.map((p) => ('invalid' in p ? p.invalid : (undefined as never)));

    const toSchedule: PlannedFollowUp[] = [];
    const outcomes = await inTransaction(this.dataSource, async (manager) => {
      const shipments = await this.lockShipments(manager, valid.map((p) => p.body));
      const seen = await this.seenEventIds(manager, carrier.tenantId, valid.map((p) => p.body.eventId));
      const now = this.clock.now();
      const acceptedAt = new Date().toISOString();
      const rows: unknown[][] = [];
      const facts: NewEvent<EventType>[] = [];
      const changed = new Set<string>();
      const planned: PlannedFollowUp[] = [];
      const outcomes = parsed.map((p): EventOutcome => {
        if ('invalid' in p) return p.invalid;
        const { body, hash, index } = p;
        const base = { index, eventId: body.eventId };
        const previous = seen.get(body.eventId);
        if (previous) {
          return previous.hash === hash
            ? { ...base, status: 200, outcome: 'duplicate', shipmentId: previous.shipmentId }
            : { ...base, status: 422, outcome: 'invalid', code: 'EVENT_ID_REUSED', errors: [{ field: 'eventId', reason: 'already used for a different event' }] };
        }
        const id = body.shipmentId ?? shipments.idOf(body.trackingNumber);
        const shipment = id === undefined ? undefined : shipments.byId.get(id);
        if (!shipment || !canSeeShipment(carrier, { shipperId: shipment.shipperId, legs: shipment.legs })) {
          return { ...base, status: 404, outcome: 'refused', code: 'SHIPMENT_NOT_FOUND', detail: `no shipment ${body.shipmentId ?? body.trackingNumber} on your legs` };
        }
        if (body.shipmentId && body.trackingNumber && shipments.idOf(body.trackingNumber) !== shipment.id) {
          return { ...base, status: 422, outcome: 'invalid', errors: [{ field: 'trackingNumber', reason: 'names another shipment than shipmentId' }] };
        }
        if (Date.parse(body.occurredAt) > now.getTime() + MAX_FUTURE_MS) {
          return { ...base, status: 422, outcome: 'invalid', shipmentId: shipment.id, errors: [{ field: 'occurredAt', reason: 'more than 15 minutes in the future' }] };
        }
        const input: CarrierEventInput = { ...body, legSequence: body.leg };
        const decision = applyCarrierEvent(shipment, input, { carrierCode: carrier.carrierCode ?? '', acceptedAt, customsGate: this.customsGate });
        if (!decision.accepted) {
          return { ...base, status: decision.status, outcome: 'refused', shipmentId: shipment.id, code: decision.code, detail: decision.detail };
        }
        // One state per shipment, whichever name the next event uses.
        shipments.byId.set(shipment.id, decision.shipment);
        changed.add(shipment.id);
        seen.set(body.eventId, { hash, shipmentId: shipment.id });
        const published = decision.facts.map((f) => f.type);
        rows.push([
          randomUUID(), shipment.id, carrier.tenantId, body.eventId, hash, body.leg, body.kind, body.classifier,
          body.occurredAt, acceptedAt, body.location ? JSON.stringify(body.location) : null,
          JSON.stringify({ crossing: body.crossing, reason: body.reason, celsius: body.celsius, estimatedArrival: body.estimatedArrival }), published,
        ]);
        for (const fact of decision.facts) facts.push({ type: fact.type, subject: shipment.id, data: fact.data, time: new Date(body.occurredAt) });
        if (body.kind === 'departure' && body.classifier === 'ACT') planned.push(...followUpsForDeparture(decision.shipment, body.leg, this.followUpSettings));
        return { ...base, status: 201, outcome: 'accepted', shipmentId: shipment.id, published };
      });
      await this.insertHistory(manager, rows);
      await this.saveState(manager, [...changed].map((id) => shipments.byId.get(id)!));
      await this.outbox.appendAll(manager, facts);
      toSchedule.push(...(await this.followUps.record(manager, planned)));
      return outcomes;
    });
    // After commit: a job must never wake before its row exists. A lost schedule is caught by the sweep.
    await whenCommitted(() => this.followUps.schedule(toSchedule));
    return outcomes;
  }

  /**
   * Locks every shipment the events name, in id order so concurrent batches cannot deadlock. Events
   * may name a shipment by id or by tracking number: both resolve to the one state kept by id.
   */
  private async lockShipments(manager: EntityManager, bodies: CarrierEventBody[]): Promise<LockedShipments> {
    const ids = [...new Set(bodies.map((b) => b.shipmentId).filter((id): id is string => !!id))];
    const numbers = [...new Set(bodies.map((b) => b.trackingNumber).filter((n): n is string => !!n))];
    const rows: ShipmentRow[] = await manager.query(
      `SELECT id, tracking_number, shipper_id, status, cargo, legs, position, in_excursion FROM "shipments".shipments
        WHERE id = ANY($1::uuid[]) OR tracking_number = ANY($2::text[]) ORDER BY id FOR UPDATE`,
      [ids, numbers],
    );
    const byId = new Map<string, TrackedShipment>();
    const idByNumber = new Map<string, string>();
    for (const row of rows) {
      const shipment: TrackedShipment = {
        id: row.id,
        shipperId: row.shipper_id,
        status: row.status,
        cargo: row.cargo,
        legs: row.legs,
        position: row.position,
        inExcursion: row.in_excursion,
      };
      byId.set(row.id, shipment);
      idByNumber.set(row.tracking_number, row.id);
    }
    return { byId, idOf: (trackingNumber) => (trackingNumber === undefined ? undefined : idByNumber.get(trackingNumber)) };
  }

  private async seenEventIds(manager: EntityManager, tenantId: string, eventIds: string[]) {
    const rows: { carrier_event_id: string; request_hash: string; shipment_id: string }[] = await manager.query(
      `SELECT carrier_event_id, request_hash, shipment_id FROM "shipments".shipment_events WHERE tenant_id = $1 AND carrier_event_id = ANY($2::text[])`,
      [tenantId, eventIds],
    );
    return new Map(rows.map((r) => [r.carrier_event_id, { hash: r.request_hash, shipmentId: r.shipment_id }]));
  }

  private async insertHistory(manager: EntityManager, rows: unknown[][]): Promise<void> {
    if (rows.length === 0) return;
    const width = rows[0].length;
    const values = rows.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`);
    await manager.query(
      `INSERT INTO "shipments".shipment_events
         (id, shipment_id, tenant_id, carrier_event_id, request_hash, leg_sequence, kind, classifier, occurred_at, accepted_at, location, details, published)
       VALUES ${values.join(', ')}`,
      rows.flat(),
    );
  }

  /** Every changed shipment in one statement: a 1,000-event batch may touch hundreds. */
  private async saveState(manager: EntityManager, changed: TrackedShipment[]): Promise<void> {
    if (changed.length === 0) return;
    await manager.query(
      `UPDATE "shipments".shipments AS s
          SET status = v.status, legs = v.legs::jsonb, position = v.position::jsonb, in_excursion = v.in_excursion, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::boolean[]) AS v(id, status, legs, position, in_excursion)
        WHERE s.id = v.id`,
      [
        changed.map((s) => s.id),
        changed.map((s) => s.status),
        changed.map((s) => JSON.stringify(s.legs)),
        changed.map((s) => (s.position ? JSON.stringify(s.position) : null)),
        changed.map((s) => s.inExcursion),
      ],
    );
  }

}
