import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiAnswers, Roles, ZodBody } from '@lib/http';
import { actsForShipper, CurrentPrincipal, type Principal } from '@lib/identity';
import { NotificationService } from './notification.service';

const listQuery = z.object({ shipmentId: z.uuid() });

@ApiTags('notifications')
@Controller('v1/notifications')
export class NotificationController {
  constructor(private readonly notifications: NotificationService) {}

  /** A shipper sees only its own notifications (brokers acting for it and operators too). */
  @Get()
  @ApiQuery({ name: 'shipmentId', format: 'uuid', required: true })
  @ApiAnswers({ status: 200, description: 'Notifications of a shipment the caller may see', example: { items: [{ id: '0b7d4c1a-2f3e-4a5b-8c9d-0e1f2a3b4c5d', shipmentId: '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11', type: 'shipment.booked', channel: 'feed', message: 'Kinnow shipment KZPK-7F3K-9Q2M booked: Lahore (PKLHE) → Almaty (KZALA), 1 leg', createdAt: '2026-12-01T08:00:01.000Z' }] } }, 403, 422)
  @Roles('shipper', 'customs_broker', 'operator')
  async list(@CurrentPrincipal() principal: Principal, @Query(new ZodBody(listQuery)) query: z.infer<typeof listQuery>) {
    const notifications = (await this.notifications.listForShipment(query.shipmentId)).filter((n) => actsForShipper(principal, n.shipperId));
    return {
      items: notifications.map((n) => ({
        id: n.id,
        shipmentId: n.shipmentId,
        type: n.eventType,
        channel: n.channel,
        message: n.message,
        createdAt: n.createdAt.toISOString(),
      })),
    };
  }
}
