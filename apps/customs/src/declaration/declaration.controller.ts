import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiAnswers, Roles, ZodBody } from '@lib/http';
import { actsForShipper, CurrentPrincipal, type Principal } from '@lib/identity';
import { DeclarationService } from './declaration.service';

const listQuery = z.object({ shipmentId: z.uuid() });

@ApiTags('declarations')
@Controller('v1/declarations')
export class DeclarationController {
  constructor(private readonly declarations: DeclarationService) {}

  /** Brokers see their shippers' declarations, officers those at their crossing, operators all. */
  @Get()
  @ApiQuery({ name: 'shipmentId', format: 'uuid', required: true })
  @ApiAnswers({ status: 200, description: 'Declarations of a shipment the caller may see', example: { items: [{ id: 'c0a8012e-6d1f-4c1e-9a52-0b4f3f3c2a10', shipmentId: '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11', crossing: 'Torkham', status: 'PENDING', createdAt: '2026-12-01T08:00:01.000Z' }] } }, 403, 422)
  @Roles('shipper', 'customs_broker', 'customs_officer', 'operator')
  async list(@CurrentPrincipal() principal: Principal, @Query(new ZodBody(listQuery)) query: z.infer<typeof listQuery>) {
    const declarations = (await this.declarations.listForShipment(query.shipmentId)).filter(
      (d) => actsForShipper(principal, d.shipperId) || (principal.role === 'customs_officer' && d.crossing === principal.crossing),
    );
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
