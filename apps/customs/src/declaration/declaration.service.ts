import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventEnvelope } from '@lib/messaging';
import { Declaration } from './declaration.entity';

@Injectable()
export class DeclarationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Opens a placeholder declaration for a booking, inside the consumer's transaction. */
  async openForBooking(manager: EntityManager, event: EventEnvelope<'shipment.booked'>): Promise<Declaration> {
    const crossing = event.data.legs.find((leg) => leg.crossing)?.crossing ?? null;
    const declaration = manager.create(Declaration, {
      id: randomUUID(),
      shipmentId: event.data.shipmentId,
      shipperId: event.data.shipperId,
      crossing,
      status: 'PENDING',
      sourceEventId: event.id,
    });
    await manager.insert(Declaration, declaration);
    return declaration;
  }

  async listForShipment(shipmentId: string): Promise<Declaration[]> {
    return this.dataSource.getRepository(Declaration).find({ where: { shipmentId }, order: { createdAt: 'ASC' } });
  }
}
