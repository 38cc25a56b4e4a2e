import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiAnswers, Idempotent, Roles, ZodBody, uuidOr404 } from '@lib/http';
import { CurrentPrincipal, type Principal } from '@lib/identity';
import { DeliveryService } from '../delivery/delivery.service';
import type { Notification } from './notification.entity';
import { NotificationService } from './notification.service';

const listQuery = z.strictObject({
  shipmentId: z.uuid().optional(),
  channel: z.enum(['feed', 'webhook', 'email']).optional(),
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const example = {
  id: '0b7d4c1a-2f3e-4a5b-8c9d-0e1f2a3b4c5d',
  shipmentId: '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11',
  type: 'customs.cleared',
  channel: 'webhook',
  subscriptionId: '3d1f6a0e-8b7c-4d2a-9e1f-5a6b7c8d9e0f',
  title: 'Kinnow shipment KZPK-7F3K-9Q2M cleared customs at Torkham',
  message: 'Kinnow shipment KZPK-7F3K-9Q2M cleared customs at Torkham.',
  language: 'en',
  status: 'delivered',
  round: 0,
  attempts: 1,
  nextAttemptAt: null,
  deliveredAt: '2026-12-02T10:00:00.120Z',
  lastError: null,
  createdAt: '2026-12-02T10:00:00.100Z',
};

function view(n: Notification) {
  return {
    id: n.id,
    shipmentId: n.shipmentId,
    type: n.eventType,
    channel: n.channel,
    subscriptionId: n.subscriptionId,
    title: n.title,
    message: n.message,
    language: n.language,
    status: n.status,
    round: n.round,
    attempts: n.attempts,
    nextAttemptAt: n.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: n.deliveredAt?.toISOString() ?? null,
    lastError: n.lastError,
    createdAt: n.createdAt.toISOString(),
  };
}

/** Whose notifications the caller may see: a shipper its own, a broker its shippers', an operator all (null). */
function scope(principal: Principal): string[] | null {
  if (principal.role === 'operator') return null;
  return principal.role === 'shipper' ? [principal.tenantId] : principal.actsFor;
}

@ApiTags('notifications')
@Controller('v1/notifications')
@Roles('shipper', 'customs_broker', 'operator')
export class NotificationController {
  constructor(
    private readonly notifications: NotificationService,
    private readonly deliveries: DeliveryService,
  ) {}

  @Get()
  @ApiQuery({ name: 'shipmentId', format: 'uuid', required: false })
  @ApiQuery({ name: 'channel', required: false, enum: ['feed', 'webhook', 'email'] })
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'delivered', 'failed'] })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } })
  @ApiAnswers(
    { status: 200, description: 'The caller’s notifications, newest first', example: { items: [example] } },
    403,
    422,
  )
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodBody(listQuery)) query: z.infer<typeof listQuery>,
  ) {
    return { items: (await this.notifications.list(scope(principal), query)).map(view) };
  }

  @Get(':id')
  @ApiAnswers(
    {
      status: 200,
      description: 'One notification with its data and every delivery attempt (status code, latency, error)',
      example: {
        ...example,
        data: {},
        deliveryAttempts: [
          {
            round: 0,
            attempt: 1,
            outcome: 'delivered',
            statusCode: 200,
            latencyMs: 12,
            error: null,
            at: '2026-12-02T10:00:00.120Z',
          },
        ],
      },
    },
    404,
  )
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { notification, attempts } = await this.notifications.get(scope(principal), uuidOr404(id, 'notification'));
    return { ...view(notification), data: notification.data, deliveryAttempts: attempts };
  }

  @Post(':id/replay')
  @HttpCode(202)
  @Idempotent()
  @Roles('shipper', 'operator')
  @ApiAnswers(
    {
      status: 202,
      description: 'Delivered again from the first step of the retry schedule, with the same webhook-id',
      example: { id: example.id, round: 1 },
    },
    404,
    409,
  )
  async replay(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { round } = await this.deliveries.replay(
      principal.role === 'operator' ? null : principal.tenantId,
      uuidOr404(id, 'notification'),
    );
    return { id, round };
  }
}
