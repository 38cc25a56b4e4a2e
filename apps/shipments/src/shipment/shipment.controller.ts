import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, type Principal } from '@lib/identity';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiAnswers, ApiJsonBody, Idempotent, Roles, ZodBody, uuidOr404 } from '@lib/http';
import { bookShipmentSchema, type BookShipment } from './dto/book-shipment.dto';
import { bookShipmentExample, shipmentExample } from './dto/examples';
import {
  cancelShipmentSchema,
  listShipmentsSchema,
  type CancelShipment,
  type ListShipmentsQuery,
} from './dto/list-shipments.dto';
import { LATEST_EVENTS, listEventsSchema, type ListEventsQuery } from './dto/timeline.dto';
import { canSeeShipment } from './shipment-access';
import type { Shipment } from './shipment.entity';
import { ShipmentNotFound } from './shipment.errors';
import { ShipmentService } from './shipment.service';
import { TimelineService } from './timeline.service';

const isUuid = (value: string) => z.uuid().safeParse(value).success;

/** The leg cargo is on now: the last one with an actual event, else the first. */
function currentLeg(shipment: Shipment) {
  const started = shipment.legs.filter((leg) => leg.hasActual);
  return started.length ? started[started.length - 1] : shipment.legs[0];
}

function view(shipment: Shipment) {
  const leg = currentLeg(shipment);
  const last = shipment.legs[shipment.legs.length - 1];
  return {
    id: shipment.id,
    trackingNumber: shipment.trackingNumber,
    shipperId: shipment.shipperId,
    consignee: shipment.consignee,
    corridor: shipment.corridor,
    status: shipment.status,
    cargo: shipment.cargo,
    legs: shipment.legs,
    currentLeg: leg?.sequence ?? null,
    position: shipment.position,
    eta: last?.actualArrival ?? last?.eta ?? last?.plannedArrival ?? null,
    bookedAt: shipment.bookedAt.toISOString(),
  };
}

@ApiTags('shipments')
@Controller('v1/shipments')
export class ShipmentController {
  constructor(
    private readonly shipments: ShipmentService,
    private readonly timeline: TimelineService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('shipper')
  @Idempotent()
  @ApiJsonBody(bookShipmentSchema, bookShipmentExample)
  @ApiAnswers(
    { status: 201, description: 'Booked; shipment.booked is published', example: shipmentExample },
    400,
    403,
    409,
    413,
    422,
  )
  async book(@CurrentPrincipal() principal: Principal, @Body(new ZodBody(bookShipmentSchema)) body: BookShipment) {
    return view(await this.shipments.book(principal.tenantId, body));
  }

  @Get()
  @Roles('shipper', 'carrier', 'customs_broker', 'customs_officer', 'operator')
  @ApiQuery({ name: 'status', required: false, enum: ['BOOKED', 'IN_TRANSIT', 'DELIVERED', 'CANCELLED'] })
  @ApiQuery({ name: 'corridor', required: false })
  @ApiQuery({
    name: 'trackingNumber',
    required: false,
    description: 'the shipment with this tracking number (KZPK-7F3K-9Q2M), if the caller may see it',
  })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiAnswers(
    {
      status: 200,
      description: 'Shipments the caller may see, newest first',
      example: { items: [shipmentExample], nextCursor: null },
    },
    422,
  )
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodBody(listShipmentsSchema)) query: ListShipmentsQuery,
  ) {
    const page = await this.shipments.list(principal, query);
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('shipper', 'operator')
  @Idempotent()
  @ApiJsonBody(cancelShipmentSchema, { reason: 'order withdrawn by the buyer' })
  @ApiAnswers(
    {
      status: 200,
      description: 'Cancelled; shipment.cancelled is published',
      example: { ...shipmentExample, status: 'CANCELLED' },
    },
    404,
    409,
    422,
  )
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodBody(cancelShipmentSchema)) body: CancelShipment,
  ) {
    uuidOr404(id, 'shipment');
    return view(await this.shipments.cancel(principal, id, body.reason));
  }

  @Get(':id')
  @Roles('shipper', 'carrier', 'customs_broker', 'customs_officer', 'operator')
  @ApiAnswers(
    {
      status: 200,
      description:
        `The shipment, if the caller may see it, with the latest ${LATEST_EVENTS} events of its timeline ` +
        'in occurrence order (`eventsTruncated`: older ones exist; the whole history is paged at `eventsHref`)',
      example: {
        ...shipmentExample,
        events: [],
        eventsTruncated: false,
        eventsHref: `/v1/shipments/${shipmentExample.id}/events`,
      },
    },
    404,
  )
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const shipment = await this.visible(principal, id);
    const { events, truncated } = await this.timeline.latest(shipment.id, LATEST_EVENTS);
    return { ...view(shipment), events, eventsTruncated: truncated, eventsHref: `/v1/shipments/${shipment.id}/events` };
  }

  @Get(':id/events')
  @Roles('shipper', 'carrier', 'customs_broker', 'customs_officer', 'operator')
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiAnswers(
    {
      status: 200,
      description: 'The shipment’s whole timeline, oldest first (occurrence order), a page at a time',
      example: { items: [], nextCursor: null },
    },
    404,
    422,
  )
  async events(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query(new ZodBody(listEventsSchema)) query: ListEventsQuery,
  ) {
    const shipment = await this.visible(principal, id);
    return this.timeline.page(shipment.id, query);
  }

  /** The shipment if the caller may see it; anything else (not a UUID, not there, not theirs) is 404. */
  private async visible(principal: Principal, id: string): Promise<Shipment> {
    const shipment = isUuid(id) ? await this.shipments.find(id) : null;
    if (!shipment || !canSeeShipment(principal, shipment)) throw new ShipmentNotFound(id);
    return shipment;
  }
}
