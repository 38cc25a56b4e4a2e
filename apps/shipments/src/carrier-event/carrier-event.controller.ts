import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiAnswers, ApiJsonBody, Roles, ZodBody } from '@lib/http';
import { CurrentPrincipal, type Principal } from '@lib/identity';
import { CarrierEventService } from './carrier-event.service';
import { carrierEventBatchSchema, carrierEventExample, carrierEventSchema, MAX_BATCH } from './dto/carrier-event.dto';
import { eventResult } from './dto/event-result.dto';

@ApiTags('carrier events')
@Controller('v1/carrier-events')
export class CarrierEventController {
  constructor(private readonly events: CarrierEventService) {}

  /**
   * One event for a leg the carrier operates: 201 accepted, 200 duplicate (same eventId and body), else
   * problem+json.
   */
  @Post()
  @Roles('carrier')
  @ApiJsonBody(carrierEventSchema, carrierEventExample)
  @ApiAnswers(
    {
      status: 201,
      description: 'Accepted; the events it publishes are listed',
      example: {
        index: 0,
        eventId: 'NLC-KHI-2026-000123',
        status: 201,
        outcome: 'accepted',
        shipmentId: '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11',
        published: ['shipment.leg.departed'],
      },
    },
    403,
    404,
    409,
    422,
  )
  async post(
    @CurrentPrincipal() carrier: Principal,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // A refusal is thrown as the domain error it is and leaves as problem+json through the one filter.
    const result = eventResult(await this.events.ingestOne(carrier, body));
    void reply.status(result.status);
    return result;
  }

  /**
   * Up to 1,000 events; valid ones are written together, each reported with its own outcome. Only the
   * envelope is checked here: each event's text is checked with the event (carrierEventSchema), so a
   * bad one is `invalid` and the others are still written.
   */
  @Post('batch')
  @HttpCode(200)
  @Roles('carrier')
  @ApiJsonBody(carrierEventBatchSchema, { events: [carrierEventExample] })
  @ApiAnswers(
    {
      status: 200,
      description: `Per-event outcomes (at most ${MAX_BATCH} events)`,
      example: {
        accepted: 1,
        duplicates: 0,
        refused: 0,
        invalid: 0,
        results: [{ index: 0, status: 201, outcome: 'accepted' }],
      },
    },
    413,
    422,
  )
  async batch(
    @CurrentPrincipal() carrier: Principal,
    @Body(new ZodBody(carrierEventBatchSchema, { checkText: false })) body: { events: unknown[] },
  ) {
    const results = (await this.events.ingest(carrier, body.events)).map(eventResult);
    const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
    return {
      accepted: count('accepted'),
      duplicates: count('duplicate'),
      refused: count('refused'),
      invalid: count('invalid'),
      results,
    };
  }
}
