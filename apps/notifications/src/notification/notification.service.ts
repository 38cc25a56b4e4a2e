import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventEnvelope } from '@lib/messaging';
import { bookedMessage } from './notification-message';
import { Notification } from './notification.entity';

@Injectable()
export class NotificationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records the shipper's feed notification for a booking, inside the consumer's transaction. */
  async notifyBooked(manager: EntityManager, event: EventEnvelope<'shipment.booked'>): Promise<Notification> {
    const notification = manager.create(Notification, {
      id: randomUUID(),
      shipperId: event.data.shipperId,
      shipmentId: event.data.shipmentId,
      sourceEventId: event.id,
      eventType: event.type,
      channel: 'feed',
      message: bookedMessage(event.data),
    });
    await manager.insert(Notification, notification);
    return notification;
  }

  async listForShipment(shipmentId: string): Promise<Notification[]> {
    return this.dataSource.getRepository(Notification).find({ where: { shipmentId }, order: { createdAt: 'ASC' } });
  }
}
