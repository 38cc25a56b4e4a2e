import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiAnswers, ApiJsonBody, Roles, ZodBody } from '@lib/http';
import { negotiateLanguage } from '@lib/i18n';
import { CurrentPrincipal, type Principal } from '@lib/identity';
import {
  createShareLinkExample,
  createShareLinkSchema,
  shareLinkExample,
  type CreateShareLink,
} from './dto/share-link.dto';
import { PublicUrls } from './public-url';
import { ShareLinkService } from './share-links.service';

/**
 * Share links to a shipment's public tracking page (/t/<token>): its shipper creates them, and its
 * shipper or an operator lists and revokes them. Anyone else is told the shipment does not exist.
 */
@ApiTags('share links')
@Controller('v1/shipments/:id/share-links')
export class ShareLinksController {
  constructor(
    private readonly links: ShareLinkService,
    private readonly urls: PublicUrls,
  ) {}

  // Not @Idempotent: a replayed answer would keep the token at rest in the idempotency table.
  @Post()
  @HttpCode(201)
  @Roles('shipper')
  @ApiJsonBody(createShareLinkSchema, createShareLinkExample)
  @ApiAnswers(
    {
      status: 201,
      description:
        'Created. The token and the page URL are in this answer only: the service keeps just their hash. ' +
        '`language` defaults to the request’s Accept-Language; the page shows the consignee or documents ' +
        'only when `show` says so.',
      example: {
        ...shareLinkExample,
        token: 'q3Jx0sV9bHkPz1mW4nYc8A',
        url: 'https://track.example/t/q3Jx0sV9bHkPz1mW4nYc8A',
      },
    },
    400,
    404,
    422,
  )
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodBody(createShareLinkSchema)) body: CreateShareLink,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Req() request: FastifyRequest,
  ) {
    const { link, token } = await this.links.create(principal, id, body, negotiateLanguage(acceptLanguage));
    const path = `/t/${token}`;
    return { ...link, token, path, url: this.urls.of(request, path) };
  }

  @Get()
  @Roles('shipper', 'operator')
  @ApiAnswers(
    {
      status: 200,
      description: 'The shipment’s share links, newest first (never their tokens)',
      example: { items: [shareLinkExample] },
    },
    404,
  )
  async list(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return { items: await this.links.list(principal, id) };
  }

  @Delete(':linkId')
  @HttpCode(204)
  @Roles('shipper', 'operator')
  @ApiAnswers(
    { status: 204, description: 'Revoked (again: still 204); its page answers 404 from now on', example: null },
    404,
  )
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('linkId') linkId: string) {
    await this.links.revoke(principal, id, linkId);
  }
}
