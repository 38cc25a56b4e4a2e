import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { Outbox, type EventEnvelope } from '@lib/messaging';
import type { LegState } from '../shipment/tracking-state';

type Decision = 'customs.held' | 'customs.cleared' | 'customs.rejected';

const clearanceOf: Record<Decision, LegState['clearance']> = {
  'customs.held': 'HELD',
  'customs.cleared': 'CLEARED',
  'customs.rejected': 'REJECTED',
};

const timelineKind: Record<Decision, string> = {
  'customs.held': 'customs_hold',
  'customs.cleared': 'customs_release',
  'customs.rejected': 'customs_rejection',
};

/**
 * The shipments side of the customs gate: customs' decisions at a crossing mark the leg that starts
 * there (nothing leaves the crossing before CLEARED), appear in the timeline, and a rejection raises
 * `shipment.exception`.
 */
@Injectable()
export class CustomsDecisionService {
  constructor(private readonly outbox: Outbox) {}

  async apply(manager: EntityManager, event: EventEnvelope<Decision>): Promise<void> {
    const { shipmentId, crossing, legSequence } = event.data;
    const [row]: { legs: LegState[]; shipper_id: string; status: string }[] = await manager.query(
      `SELECT legs, shipper_id, status FROM "shipments".shipments WHERE id = $1 FOR UPDATE`,
      [shipmentId],
    );
    if (!row) return;
    const leg = row.legs.find((l) =>
      legSequence !== undefined ? l.sequence === legSequence : l.crossing === crossing,
    );
    if (!leg) return;
    // A later decision wins, except that nothing overrides a clearance the cargo has already used to
    // leave the crossing (movedOn; older rows only know the leg departed).
    const used = leg.movedOn || (leg.hasActual && leg.status !== undefined && leg.status !== 'PLANNED');
    if (!(leg.clearance === 'CLEARED' && used)) {
      const legs = row.legs.map((l) =>
        l.sequence === leg.sequence ? { ...l, clearance: clearanceOf[event.type] } : l,
      );
      await manager.query(`UPDATE "shipments".shipments SET legs = $2, updated_at = now() WHERE id = $1`, [
        shipmentId,
        JSON.stringify(legs),
      ]);
    }
    const reason = 'reason' in event.data ? (event.data as { reason?: string }).reason : undefined;
    const published: string[] = [];
    if (event.type === 'customs.rejected' && row.status !== 'CANCELLED' && row.status !== 'DELIVERED') {
      await this.outbox.append(manager, {
        type: 'shipment.exception',
        subject: shipmentId,
        data: {
          shipmentId,
          shipperId: row.shipper_id,
          legSequence: leg.sequence,
          carrier: leg.carrier,
          location: leg.from,
          occurredAt: event.time,
          acceptedAt: new Date().toISOString(),
          reason: `customs rejected the cargo at ${crossing}: ${reason ?? 'no reason given'}`,
        },
      });
      published.push('shipment.exception');
    }
    // In the timeline beside the carriers' events (the customs ce_id is the idempotency key).
    await manager.query(
      `INSERT INTO "shipments".shipment_events
         (id, shipment_id, tenant_id, carrier_event_id, request_hash, leg_sequence, kind, classifier,
          occurred_at, accepted_at, location, details, published)
       VALUES ($1, $2, 'customs', $3, '', $4, $5, 'ACT', $6, now(), $7, $8, $9)
       ON CONFLICT (tenant_id, carrier_event_id) DO NOTHING`,
      [
        randomUUID(),
        shipmentId,
        event.id,
        leg.sequence,
        timelineKind[event.type],
        event.time,
        JSON.stringify(leg.from),
        JSON.stringify({ crossing, reason }),
        published,
      ],
    );
  }
}
