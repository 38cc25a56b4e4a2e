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

export function bookedPayload(shipment: Shipment): ShipmentBooked {
  return {
    shipmentId: shipment.id,
    trackingNumber: shipment.trackingNumber,
    shipperId: shipment.shipperId,
    consignee: shipment.consignee ?? undefined,
    corridor: shipment.corridor ?? undefined,
    cargo: shipment.cargo,
    legs: shipment.legs,
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
}
