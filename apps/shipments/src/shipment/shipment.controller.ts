import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { NotFoundProblem, ZodBody } from '@lib/http';
import { bookShipmentSchema, type BookShipment } from './dto/book-shipment.dto';
import type { Shipment } from './shipment.entity';
import { ShipmentService } from './shipment.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function view(shipment: Shipment) {
  return {
    id: shipment.id,
    trackingNumber: shipment.trackingNumber,
    shipperId: shipment.shipperId,
    consignee: shipment.consignee,
    corridor: shipment.corridor,
    status: shipment.status,
    cargo: shipment.cargo,
    legs: shipment.legs,
    bookedAt: shipment.bookedAt.toISOString(),
  };
}

@Controller('v1/shipments')
export class ShipmentController {
  constructor(private readonly shipments: ShipmentService) {}

  @Post()
  @HttpCode(201)
  async book(@Body(new ZodBody(bookShipmentSchema)) body: BookShipment) {
    return view(await this.shipments.book(body));
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const shipment = UUID.test(id) ? await this.shipments.find(id) : null;
    if (!shipment) throw new NotFoundProblem(`shipment ${id} not found`);
    return view(shipment);
  }
}
