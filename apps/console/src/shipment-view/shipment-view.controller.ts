import { Body, Controller, Get, NotFoundException, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentOperator, SessionGuard } from '../session/session.guard';
import type { OperatorSession } from '../session/session.store';
import { ServiceApi } from './service-api';
import { confirmNotificationReplayPage, shipmentViewPage } from './shipment-view.page';
import { ShipmentViewService, type NotificationFacts } from './shipment-view.service';

const HTML = 'text/html; charset=utf-8';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const clean = (value: string | undefined) => value?.trim() || '';

/**
 * GET /shipments?q= (the search box: an id or a tracking number) → /shipments/:id, the shipment view;
 * GET /shipments/notification-replay?id= (the confirmation form); POST /shipments/notification-replay
 * (CSRF-checked before the handler) asks the notifications service to deliver it again, audited,
 * then back to the shipment.
 */
@Controller('shipments')
@UseGuards(SessionGuard)
export class ShipmentViewController {
  constructor(
    private readonly shipments: ShipmentViewService,
    private readonly api: ServiceApi,
  ) {}

  @Get()
  async find(@Res() reply: FastifyReply, @Query('q') q?: string): Promise<void> {
    const asked = clean(q);
    const id = asked ? await this.shipments.resolve(asked) : undefined;
    if (!id)
      throw new NotFoundException(
        asked
          ? `No shipment ${asked} is known by that id or tracking number.`
          : 'Which shipment? Give its id or tracking number.',
      );
    void reply.redirect(`/shipments/${id}`, 303);
  }

  @Get('notification-replay')
  async confirm(
    @CurrentOperator() operator: OperatorSession,
    @Res() reply: FastifyReply,
    @Query('id') id?: string,
  ): Promise<void> {
    const notificationId = clean(id);
    if (!UUID.test(notificationId)) throw new NotFoundException(`No notification ${notificationId}.`);
    const notification = await this.api.get<NotificationFacts & { shipmentId?: string }>(
      'notifications',
      `/v1/notifications/${notificationId}`,
    );
    void reply
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(confirmNotificationReplayPage(notification, notificationId, { operator, csrfToken: reply.generateCsrf() }));
  }

  @Post('notification-replay')
  async replay(
    @CurrentOperator() operator: OperatorSession,
    @Res() reply: FastifyReply,
    @Body() body: { id?: string; shipment?: string } | undefined,
  ): Promise<void> {
    const notificationId = clean(body?.id);
    if (!UUID.test(notificationId)) throw new NotFoundException(`No notification ${notificationId}.`);
    const result = await this.shipments.replayNotification(operator, notificationId);
    const shipment = clean(body?.shipment);
    const query = new URLSearchParams({
      outcome: result.outcome,
      notification: notificationId,
      ...(result.round === undefined ? {} : { round: String(result.round) }),
    });
    const search = query.toString();
    void reply.redirect(UUID.test(shipment) ? `/shipments/${shipment.toLowerCase()}?${search}` : `/?${search}`, 303);
  }

  @Get(':id')
  async show(
    @CurrentOperator() operator: OperatorSession,
    @Res() reply: FastifyReply,
    @Param('id') idOrTrackingNumber: string,
    @Query() query: { outcome?: string; notification?: string; round?: string },
  ): Promise<void> {
    const id = await this.shipments.resolve(clean(idOrTrackingNumber));
    if (!id) throw new NotFoundException(`No shipment ${idOrTrackingNumber} is known.`);
    if (id !== idOrTrackingNumber) return void reply.redirect(`/shipments/${id}`, 303);
    const view = await this.shipments.view(id);
    const notice = query.outcome
      ? { outcome: query.outcome, notification: query.notification, round: Number(query.round) || undefined }
      : undefined;
    void reply
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(shipmentViewPage(view, notice, { operator, csrfToken: reply.generateCsrf() }));
  }
}
