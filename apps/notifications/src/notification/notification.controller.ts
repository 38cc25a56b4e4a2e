import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { ZodBody } from '@lib/http';
import { NotificationService } from './notification.service';

const listQuery = z.object({ shipmentId: z.uuid() });

@Controller('v1/notifications')
export class NotificationController {
  constructor(private readonly notifications: NotificationService) {}

  @Get()
  async list(@Query(new ZodBody(listQuery)) query: z.infer<typeof listQuery>) {
    const notifications = await this.notifications.listForShipment(query.shipmentId);
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
