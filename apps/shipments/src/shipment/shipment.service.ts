import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@lib/clock';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ShipmentBooked } from '@lib/contracts';
import { inTransaction } from '@lib/database';
import { Outbox } from '@lib/messaging';
import type { Principal } from '@lib/identity';
import { CrossingService } from '../crossing/crossing.service';
import { cargoToCarry } from './cargo';
import { planRoute } from './route-planner';
import {
  AlreadyCancelled,
  AlreadyInTransit,
  BookingRefused,
  DeliveredNotCancellable,
  ShipmentNotFound,
} from './shipment.errors';
import type { BookShipment } from './dto/book-shipment.dto';
import { encodeCursor, type ListShipmentsQuery } from './dto/list-shipments.dto';
import { canSeeShipment } from './shipment-access';
import { Shipment } from './shipment.entity';
import { newTrackingNumber } from './tracking-number';

export function bookedPayload(shipment: Shipment): ShipmentBooked {
  return {
    shipmentId: shipment.id,
    trackingNumber: shipment.trackingNumber,
    shipperId: shipment.shipperId,
    consignee: shipment.consignee ?? undefined,
    corridor: shipment.corridor ?? undefined,
    cargo: shipment.cargo,
    legs: shipment.legs.map(
      ({ sequence, mode, carrier, from, to, crossing, tirReference, tir, plannedDeparture, plannedArrival }) => ({
        sequence,
        mode,
        carrier,
        from,
        to,
        crossing,
        tirReference,
        tir,
        plannedDeparture,
        plannedArrival,
      }),
    ),
    bookedAt: shipment.bookedAt.toISOString(),
  };
}

@Injectable()
export class ShipmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly crossings: CrossingService,
  ) {}

  /** Books a shipment: the row and its `shipment.booked` event commit together or not at all. */
  async book(shipperId: string, input: BookShipment): Promise<Shipment> {
    // Closures and openings operators set at run time count from the next booking on.
    const now = this.clock.now();
    const route = planRoute(input, now, await this.crossings.overridesForBooking(now));
    if ('errors' in route) throw new BookingRefused(route.errors, route.alternatives);
    return inTransaction(this.dataSource, async (manager) => {
      const shipment = manager.create(Shipment, {
        id: randomUUID(),
        trackingNumber: newTrackingNumber(),
        shipperId,
        consignee: input.consignee ?? null,
        corridor: input.corridor ?? null,
        status: 'BOOKED',
        cargo: cargoToCarry(input.cargo),
        legs: route.legs,
        bookedAt: this.clock.now(),
      });
      await manager.insert(Shipment, shipment);
      await this.outbox.append(manager, {
        type: 'shipment.booked',
        subject: shipment.id,
        time: shipment.bookedAt,
        data: bookedPayload(shipment),
      });
      return shipment;
    });
  }

  /**
   * Cancels a shipment that has not moved yet: once a leg has an actual event the cargo is out of
   * the shipper's hands (409). Publishes `shipment.cancelled`.
   */
  async cancel(principal: Principal, id: string, reason?: string): Promise<Shipment> {
    return inTransaction(this.dataSource, async (manager) => {
      const shipment = await manager
        .getRepository(Shipment)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!shipment || !canSeeShipment(principal, shipment)) throw new ShipmentNotFound(id);
      if (shipment.status === 'CANCELLED') throw new AlreadyCancelled();
      if (shipment.status === 'DELIVERED') throw new DeliveredNotCancellable();
      if (shipment.legs.some((leg) => leg.hasActual)) throw new AlreadyInTransit();
      shipment.status = 'CANCELLED';
      await manager.update(Shipment, { id }, { status: 'CANCELLED' });
      await this.outbox.append(manager, {
        type: 'shipment.cancelled',
        subject: id,
        data: { shipmentId: id, shipperId: shipment.shipperId, reason },
      });
      return shipment;
    });
  }

  /** The caller's shipments, newest first, with keyset pagination (stable under concurrent bookings). */
  async list(
    principal: Principal,
    query: ListShipmentsQuery,
  ): Promise<{ items: Shipment[]; nextCursor: string | null }> {
    const qb = this.dataSource.getRepository(Shipment).createQueryBuilder('s');
    switch (principal.role) {
      case 'shipper':
        qb.where('s.shipper_id = :tenant', { tenant: principal.tenantId });
        break;
      case 'customs_broker':
        qb.where('s.shipper_id = ANY(:shippers)', { shippers: principal.actsFor });
        break;
      case 'carrier':
        qb.where('s.legs @> :carrier::jsonb', { carrier: JSON.stringify([{ carrier: principal.carrierCode }]) });
        break;
      case 'customs_officer':
        qb.where('s.legs @> :crossing::jsonb', { crossing: JSON.stringify([{ crossing: principal.crossing }]) });
        break;
      case 'operator':
        qb.where('true');
        break;
    }
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    if (query.corridor) qb.andWhere('s.corridor = :corridor', { corridor: query.corridor });
    if (query.trackingNumber)
      qb.andWhere('s.tracking_number = :trackingNumber', { trackingNumber: query.trackingNumber });
    if (query.cursor) qb.andWhere('(s.booked_at, s.id) < (:bookedAt, :id)', query.cursor);
    const items = await qb
      .orderBy('s.booked_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(query.limit + 1)
      .getMany();
    const page = items.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page,
      nextCursor:
        items.length > query.limit && last
          ? encodeCursor({ bookedAt: last.bookedAt.toISOString(), id: last.id })
          : null,
    };
  }

  async find(id: string): Promise<Shipment | null> {
    return this.dataSource.getRepository(Shipment).findOneBy({ id });
  }
}
