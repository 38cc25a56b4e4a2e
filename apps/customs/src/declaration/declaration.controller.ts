import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { ZodBody } from '@lib/http';
import { DeclarationService } from './declaration.service';

const listQuery = z.object({ shipmentId: z.uuid() });

@Controller('v1/declarations')
export class DeclarationController {
  constructor(private readonly declarations: DeclarationService) {}

  @Get()
  async list(@Query(new ZodBody(listQuery)) query: z.infer<typeof listQuery>) {
    const declarations = await this.declarations.listForShipment(query.shipmentId);
    return {
      items: declarations.map((d) => ({
        id: d.id,
        shipmentId: d.shipmentId,
        crossing: d.crossing,
        status: d.status,
        createdAt: d.createdAt.toISOString(),
      })),
    };
  }
}
