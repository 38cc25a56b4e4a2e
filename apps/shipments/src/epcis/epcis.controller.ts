import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiAnswers, Roles, ZodBody } from '@lib/http';
import { CurrentPrincipal, type Principal } from '@lib/identity';
import { epcisExample } from './epcis.example';
import { epcisExportSchema, MAX_EXPORT_EVENTS, type EpcisExportQuery } from './epcis.dto';
import { EpcisService } from './epcis.service';

export const EPCIS_MEDIA_TYPE = 'application/ld+json';

@ApiTags('shipments')
@Controller('v1/shipments')
export class EpcisController {
  constructor(private readonly epcis: EpcisService) {}

  @Get(':id/epcis')
  @Roles('shipper', 'carrier', 'customs_broker', 'customs_officer', 'operator')
  @Header('Content-Type', EPCIS_MEDIA_TYPE)
  @ApiProduces(EPCIS_MEDIA_TYPE)
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: MAX_EXPORT_EVENTS, default: MAX_EXPORT_EVENTS },
    description: 'history events per document (the booking comes on top, on the first page)',
  })
  @ApiQuery({ name: 'cursor', required: false, description: 'from the `Link: <…>; rel="next"` of the previous page' })
  @ApiAnswers(
    {
      status: 200,
      description:
        'The shipment’s history, if the caller may see it, as a GS1 EPCIS 2.0 JSON-LD document ' +
        '(`application/ld+json`): ObjectEvents about `urn:uuid:<shipment id>` with CBV 2.0 bizStep and ' +
        'disposition — booking (commissioning), departures and border exits (departing), arrivals and border ' +
        'arrivals (arriving), loading, unloading, delivery (accepting), customs hold (holding), clearance and ' +
        'rejection (inspecting: conformant / non_conformant) — and reefer readings (sensor_reporting, ' +
        '`sensorElementList` with Temperature in CEL and RelativeHumidity in P1). readPoint and bizLocation ' +
        'are UN/LOCODE IRIs (`https://vocabulary.uncefact.org/unlocode#PKKHI`); eventID is stable across ' +
        'exports. Actual events only, in occurrence order; a longer history continues at the ' +
        '`Link: <…>; rel="next"` header (RFC 8288, as the EPCIS REST binding pages).',
      example: epcisExample,
    },
    404,
    422,
  )
  async export(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query(new ZodBody(epcisExportSchema)) query: EpcisExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { document, nextCursor } = await this.epcis.export(principal, id, query);
    if (nextCursor) {
      const next = new URLSearchParams({ limit: String(query.limit), cursor: nextCursor });
      void reply.header('Link', `</v1/shipments/${encodeURIComponent(id)}/epcis?${next.toString()}>; rel="next"`);
    }
    return document;
  }
}
