import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@lib/clock';
import type { FollowUpHandler, FollowUpRow, HandlerOutcome } from '@lib/follow-ups';
import { Outbox } from '@lib/messaging';
import type { LegState, TrackedShipment } from '../shipment/tracking-state';
import { EtaService } from '../eta/eta.service';
import { expectedArrival, FOLLOW_UP_SETTINGS, type FollowUpSettings } from './follow-up.plan';
import { fireReeferSilence, REEFER_SILENT } from './reefer-silence';

/**
 * What a shipment's follow-up does when due: a leg that has not arrived by the upper bound of its
 * predicted arrival raises `shipment.leg.delayed` once, with the prediction given the time it has
 * already taken as its new ETA (and `shipment.eta.changed`, source predicted, when that prediction moved
 * the arrival materially — EtaService.reassess); a perishable still on the road late in its
 * shelf life raises `shipment.shelf_life.at_risk`. Runs in the transaction that marks it done.
 */
@Injectable()
export class ShipmentFollowUpHandler implements FollowUpHandler {
  constructor(
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FOLLOW_UP_SETTINGS) private readonly settings: FollowUpSettings,
    private readonly eta: EtaService,
  ) {}

  async fire(manager: EntityManager, followUp: FollowUpRow): Promise<HandlerOutcome> {
    // Before the shipment's lock, which the reefer watch must not take (reefer-silence.ts says why).
    if (followUp.kind === REEFER_SILENT) return fireReeferSilence(manager, this.outbox, followUp);
    const [shipment]: TrackedShipment[] = await manager.query(
      `SELECT id, shipper_id AS "shipperId", status, cargo, legs
         FROM "shipments".shipments WHERE id = $1 FOR UPDATE`,
      [followUp.subjectId],
    );
    if (!shipment) return 'not-needed';
    return followUp.kind === 'leg_overdue'
      ? this.legOverdue(manager, shipment, followUp)
      : this.shelfLife(manager, shipment);
  }

  private async legOverdue(
    manager: EntityManager,
    shipment: TrackedShipment,
    row: FollowUpRow,
  ): Promise<HandlerOutcome> {
    const leg = shipment.legs.find((l) => l.sequence === row.details?.legSequence);
    if (
      !leg ||
      leg.actualArrival ||
      leg.status === 'ARRIVED' ||
      shipment.status === 'DELIVERED' ||
      shipment.status === 'CANCELLED'
    )
      return 'not-needed';
    // The model's prediction given how long the leg has already taken (never a made-up "now + grace"); when
    // it moved materially from the last published one, it is published too, so "delayed" and the ETA agree.
    const now = this.clock.now();
    const reassessed = await this.eta.reassess(manager, shipment, now);
    const predicted = reassessed?.prediction.legs.find((l) => l.sequence === leg.sequence);
    const estimatedArrival =
      predicted?.arrival ?? new Date(now.getTime() + this.settings.legOverdueGraceMs).toISOString();
    const legs: LegState[] = shipment.legs.map((l) =>
      l.sequence === leg.sequence ? { ...l, eta: estimatedArrival } : l,
    );
    await manager.query(`UPDATE "shipments".shipments SET legs = $2, updated_at = now() WHERE id = $1`, [
      shipment.id,
      JSON.stringify(legs),
    ]);
    await this.outbox.append(manager, {
      type: 'shipment.leg.delayed',
      subject: shipment.id,
      data: {
        shipmentId: shipment.id,
        shipperId: shipment.shipperId,
        legSequence: leg.sequence,
        plannedArrival: (expectedArrival(leg) ?? row.dueAt).toISOString(),
        estimatedArrival,
      },
    });
    if (reassessed?.fact) await this.outbox.append(manager, reassessed.fact);
    return 'fired';
  }

  private async shelfLife(manager: EntityManager, shipment: TrackedShipment): Promise<HandlerOutcome> {
    const perishable = shipment.cargo.perishable;
    const first = shipment.legs[0];
    if (!perishable || !first?.actualDeparture || shipment.status === 'DELIVERED' || shipment.status === 'CANCELLED')
      return 'not-needed';
    const last = shipment.legs[shipment.legs.length - 1];
    const expiresAt = new Date(
      Date.parse(first.actualDeparture) + perishable.shelfLifeDays * 24 * 3600_000,
    ).toISOString();
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
