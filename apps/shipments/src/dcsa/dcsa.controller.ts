import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiAnswers, Roles } from '@lib/http';
import { CurrentPrincipal, type Principal } from '@lib/identity';
import { DCSA_API_VERSION } from './dcsa.codes';
import { DEFAULT_LIMIT, MAX_LIMIT, parseFeedQuery } from './dcsa-query';
import { InvalidFilters } from './dcsa.errors';
import { DcsaService } from './dcsa.service';
import { dcsaTransportEventExample } from './dcsa.examples';

/** The request's own path and query with `cursor` replaced (or removed): DCSA's page links. */
function pageLink(url: string, cursor: string | null): string {
  const link = new URL(url, 'http://self');
  link.searchParams.delete('cursor');
  if (cursor) link.searchParams.set('cursor', cursor);
  return `${link.pathname}${link.search}`;
}

const codeList = (name: string, description: string) =>
  ApiQuery({ name, required: false, description: `${description}; comma-separated, any of them` });

/**
 * DCSA Track & Trace 2.2 for shippers' systems: their shipments' facts as DCSA Transport, Equipment and
 * Shipment events (README, "DCSA Track & Trace 2.2", says what maps to what).
 */
@ApiTags('DCSA track & trace 2.2')
@Controller('v2/events')
export class DcsaController {
  constructor(private readonly dcsa: DcsaService) {}

  @Get()
  @Roles('shipper', 'customs_broker', 'operator')
  @codeList('eventType', 'SHIPMENT, TRANSPORT, EQUIPMENT')
  @codeList(
    'shipmentEventTypeCode',
    'DCSA shipment event codes (we publish CONF for a booking; HOLD, RELS, REJE for customs decisions)',
  )
  @codeList('transportEventTypeCode', 'ARRI, DEPA')
  @codeList('equipmentEventTypeCode', 'DCSA equipment event codes (we publish LOAD, DISC, GTIN, GTOT, DROP)')
  @codeList(
    'documentTypeCode',
    'DCSA document type codes (our shipment events are about the booking, BKG, or customs, CUS)',
  )
  @ApiQuery({ name: 'carrierBookingReference', required: false, description: 'our tracking number' })
  @ApiQuery({ name: 'transportDocumentReference', required: false, description: 'our tracking number' })
  @ApiQuery({ name: 'equipmentReference', required: false })
  @ApiQuery({ name: 'UNLocationCode', required: false })
  @ApiQuery({
    name: 'eventCreatedDateTime',
    required: false,
    description: 'also eventCreatedDateTime:gte, :gt, :lte, :lt, :eq (none means :eq)',
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
  })
  @ApiQuery({ name: 'cursor', required: false, description: 'as in the Next-Page link of the previous page' })
  @ApiHeader({ name: 'API-Version', required: false, description: 'the major version asked for: 2' })
  @ApiAnswers(
    {
      status: 200,
      description:
        'DCSA TNT 2.2 events in commit-safe order (a row appears only once no older write is in flight, so ' +
        'a cursor never passes one); headers API-Version, Current-Page, Next-Page (more to read) and ' +
        'First-Page (on later pages)',
      example: [dcsaTransportEventExample],
    },
    400,
    403,
  )
  async events(
    @CurrentPrincipal() principal: Principal,
    @Query() raw: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('api-version') askedVersion?: string,
  ) {
    void reply.header('API-Version', DCSA_API_VERSION);
    const parsed = parseFeedQuery(raw);
    // DCSA: a client MAY name the major version it speaks; we speak 2 only.
    const major = DCSA_API_VERSION.split('.')[0];
    const versionError =
      askedVersion !== undefined && askedVersion.trim() !== major
        ? [{ field: 'API-Version', reason: `this API speaks major version ${major} (DCSA TNT ${DCSA_API_VERSION})` }]
        : [];
    if ('errors' in parsed || versionError.length)
      throw new InvalidFilters([...('errors' in parsed ? parsed.errors : []), ...versionError]);
    const page = await this.dcsa.events(principal, parsed.query);
    void reply.header('Current-Page', request.url);
    if (page.nextCursor) void reply.header('Next-Page', pageLink(request.url, page.nextCursor));
    if (parsed.query.cursor) void reply.header('First-Page', pageLink(request.url, null));
    return page.events;
  }
}
