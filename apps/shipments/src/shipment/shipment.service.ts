import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@lib/clock';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ShipmentBooked } from '@lib/contracts';
import { Outbox } from '@lib/messaging';
import type { BookShipment } from './dto/book-shipment.dto';
import { Shipment } from './shipment.entity';
import { newTrackingNumber } from './tracking-number';

export interface TimelineEntry {
  eventId: string;
  leg: number;
  kind: string;
  classifier: string;
  occurredAt: string;
  acceptedAt: string;
  location?: unknown;
  published: string[];
}

export function bookedPayload(shipment: Shipment): ShipmentBooked {
  return {
    shipmentId: shipment.id,
    trackingNumber: shipment.trackingNumber,
    shipperId: shipment.shipperId,
    consignee: shipment.consignee ?? undefined,
    corridor: shipment.corridor ?? undefined,
    cargo: shipment.cargo,
    legs: shipment.legs.map(({ sequence, mode, carrier, from, to, crossing, plannedDeparture, plannedArrival }) => ({ sequence, mode, carrier, from, to, crossing, plannedDeparture, plannedArrival })),
    bookedAt: shipment.bookedAt.toISOString(),
  };
}

@Injectable()
export class ShipmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Books a shipment: the row and its `shipment.booked` event commit together or not at all. */
  async book(shipperId: string, input: BookShipment): Promise<Shipment> {
    return this.dataSource.transaction(async (manager) => {
      const shipment = manager.create(Shipment, {
        id: randomUUID(),
        trackingNumber: newTrackingNumber(),
        shipperId,
        consignee: input.consignee ?? null,
        corridor: input.corridor ?? null,
        status: 'BOOKED',
        cargo: input.cargo,
        legs: input.legs.map((leg, index) => ({ sequence: index + 1, ...leg })),
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

  async find(id: string): Promise<Shipment | null> {
    return this.dataSource.getRepository(Shipment).findOneBy({ id });
  }

  /** The shipment's history in occurrence order (late reports slot into place). */
  async timeline(id: string): Promise<TimelineEntry[]> {
    const rows = await this.dataSource.query(
      `SELECT carrier_event_id, leg_sequence, kind, classifier, occurred_at, accepted_at, location, details, published
         FROM "shipments".shipment_events WHERE shipment_id = $1 ORDER BY occurred_at, accepted_at`,
      [id],
    );
    return rows.map((r: Record<string, never>) => ({
      eventId: r.carrier_event_id,
      leg: r.leg_sequence,
      kind: r.kind,
      classifier: r.classifier,
      occurredAt: (r.occurred_at as Date).toISOString(),
      acceptedAt: (r.accepted_at as Date).toISOString(),
      location: r.location ?? undefined,
      ...Object.fromEntries(Object.entries(r.details as object).filter(([, v]) => v !== null && v !== undefined)),
      published: r.published,
    }));
  }
}
