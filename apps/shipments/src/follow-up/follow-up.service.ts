import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@lib/clock';
import { Outbox } from '@lib/messaging';
import type { LegState, TrackedShipment } from '../carrier-event/tracking-state';
import { expectedArrival, type FollowUpSettings, type PlannedFollowUp } from './follow-up.plan';
import { FollowUpScheduler } from './follow-up.scheduler';

export const FOLLOW_UP_SETTINGS = Symbol('FOLLOW_UP_SETTINGS');

export type FireOutcome = 'fired' | 'not-needed' | 'already-done' | 'not-due';

interface FollowUpRow {
  id: string;
  shipment_id: string;
  kind: PlannedFollowUp['kind'];
  leg_sequence: number | null;
  due_at: Date;
  state: 'pending' | 'done';
}

/**
 * Follow-ups of moving cargo: a leg that has not arrived by planned arrival + grace raises
 * `shipment.leg.delayed` once with a new ETA; a perishable still on the road late in its shelf life
 * raises `shipment.shelf_life.at_risk`. Postgres holds them; BullMQ only wakes us at the right time.
 */
@Injectable()
export class FollowUpService {
  private readonly logger = new Logger(FollowUpService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly scheduler: FollowUpScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FOLLOW_UP_SETTINGS) readonly settings: FollowUpSettings,
  ) {}

  /** Records follow-ups in the caller's transaction; returns the new ones, to schedule after commit. */
  async record(manager: EntityManager, planned: PlannedFollowUp[]): Promise<PlannedFollowUp[]> {
    if (planned.length === 0) return [];
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO "shipments".follow_ups (id, shipment_id, kind, leg_sequence, due_at)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $5::timestamptz[])
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [planned.map((p) => p.id), planned.map((p) => p.shipmentId), planned.map((p) => p.kind), planned.map((p) => p.legSequence), planned.map((p) => p.dueAt.toISOString())],
    );
    const fresh = new Set(rows.map((r) => r.id));
    return planned.filter((p) => fresh.has(p.id));
  }

  async schedule(planned: { id: string; dueAt: Date }[]): Promise<void> {
    await this.scheduler.schedule(planned).catch((error: unknown) => {
      // The row is pending in Postgres: the next sweep schedules it.
      this.logger.warn({ err: error, count: planned.length }, 'could not schedule follow-ups now; the sweep will');
    });
  }

  /** Re-schedules every pending follow-up (at start, after Redis reconnects, and periodically). */
  async sweep(): Promise<number> {
    const rows: { id: string; due_at: Date }[] = await this.dataSource.query(
      `SELECT id, due_at FROM "shipments".follow_ups WHERE state = 'pending' ORDER BY due_at LIMIT 10000`,
    );
    await this.scheduler.schedule(rows.map((r) => ({ id: r.id, dueAt: r.due_at })));
    return rows.length;
  }

  /** The job's work; safe to run twice (the row's state decides). */
  async fire(id: string): Promise<FireOutcome> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<FireOutcome | { reschedule: Date }> => {
      const [row]: FollowUpRow[] = await manager.query(`SELECT * FROM "shipments".follow_ups WHERE id = $1 FOR UPDATE`, [id]);
      if (!row || row.state === 'done') return 'already-done';
      if (row.due_at.getTime() > this.clock.now().getTime()) return { reschedule: row.due_at };
      const [shipment]: (TrackedShipment & { shipper_id: string; tracking_number: string })[] = await manager.query(
        `SELECT id, shipper_id AS "shipperId", status, cargo, legs FROM "shipments".shipments WHERE id = $1 FOR UPDATE`,
        [row.shipment_id],
      );
      const result = row.kind === 'leg_overdue' ? await this.legOverdue(manager, shipment, row) : await this.shelfLife(manager, shipment);
      await manager.query(`UPDATE "shipments".follow_ups SET state = 'done', outcome = $2, done_at = now() WHERE id = $1`, [id, result]);
      return result;
    });
    if (typeof outcome === 'object') {
      await this.schedule([{ id, dueAt: outcome.reschedule }]);
      return 'not-due';
    }
    if (outcome === 'fired') this.logger.log({ followUpId: id }, 'follow-up fired');
    return outcome;
  }

  private async legOverdue(manager: EntityManager, shipment: TrackedShipment, row: FollowUpRow): Promise<FireOutcome> {
    const leg = shipment.legs.find((l) => l.sequence === row.leg_sequence);
    if (!leg || leg.actualArrival || leg.status === 'ARRIVED' || shipment.status === 'DELIVERED' || shipment.status === 'CANCELLED') return 'not-needed';
    const estimatedArrival = new Date(this.clock.now().getTime() + this.settings.legOverdueGraceMs).toISOString();
    const legs: LegState[] = shipment.legs.map((l) => (l.sequence === leg.sequence ? { ...l, eta: estimatedArrival } : l));
    await manager.query(`UPDATE "shipments".shipments SET legs = $2, updated_at = now() WHERE id = $1`, [shipment.id, JSON.stringify(legs)]);
    await this.outbox.append(manager, {
      type: 'shipment.leg.delayed',
      subject: shipment.id,
      data: {
        shipmentId: shipment.id,
        shipperId: shipment.shipperId,
        legSequence: leg.sequence,
        plannedArrival: (expectedArrival(leg) ?? row.due_at).toISOString(),
        estimatedArrival,
      },
    });
    return 'fired';
  }

  private async shelfLife(manager: EntityManager, shipment: TrackedShipment): Promise<FireOutcome> {
    const perishable = shipment.cargo.perishable;
    const first = shipment.legs[0];
    if (!perishable || !first?.actualDeparture || shipment.status === 'DELIVERED' || shipment.status === 'CANCELLED') return 'not-needed';
    const last = shipment.legs[shipment.legs.length - 1];
    const expiresAt = new Date(Date.parse(first.actualDeparture) + perishable.shelfLifeDays * 24 * 3600_000).toISOString();
    await this.outbox.append(manager, {
      type: 'shipment.shelf_life.at_risk',
      subject: shipment.id,
      data: {
        shipmentId: shipment.id,
        shipperId: shipment.shipperId,
        commodity: shipment.cargo.commodity,
        expiresAt,
        estimatedDelivery: last.eta ?? last.plannedArrival ?? expiresAt,
      },
    });
    return 'fired';
  }
}
