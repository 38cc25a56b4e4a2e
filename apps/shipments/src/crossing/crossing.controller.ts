import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiAnswers, ApiJsonBody, Idempotent, Roles, ZodBody, uuidOr404 } from '@lib/http';
import { CurrentPrincipal, type Principal } from '@lib/identity';
import { CrossingService } from './crossing.service';
import {
  liftOverrideSchema,
  setOverrideExample,
  setOverrideSchema,
  type LiftOverride,
  type SetOverride,
} from './dto/crossing-override.dto';

const stateExample = {
  id: 'khunjerab-tashkurgan',
  name: 'Khunjerab–Tashkurgan',
  kind: 'border',
  place: 'Sost dry port',
  countries: ['PK', 'CN'],
  open: false,
  closure: { reason: 'Khunjerab Pass closed for winter', until: '2027-04-01T00:00:00.000Z', source: 'season' },
  seasonalClosure: { reason: 'Khunjerab Pass closed for winter', until: '2027-04-01T00:00:00.000Z' },
  override: null,
  upcoming: [],
  season: [{ from: '12-01', until: '04-01', reason: 'Khunjerab Pass closed for winter' }],
};
const overrideExample = {
  id: '6f1c2e0a-2b4d-4c1e-9a57-3d8e1f0b7c21',
  open: false,
  reason: setOverrideExample.reason,
  from: '2026-12-01T05:00:00.000Z',
  until: '2026-12-05T01:00:00.000Z',
  setBy: 'key_9f2c51e0a7b34d18',
  requestedBy: setOverrideExample.requestedBy,
  setAt: '2026-12-01T05:00:00.000Z',
  liftedAt: null,
  liftedBy: null,
};

/**
 * Border crossings, ports and airports: anyone signed in reads whether booking lets cargo through;
 * operators close and open them at run time, over the seasonal calendar.
 */
@ApiTags('crossings')
@Controller('v1/crossings')
export class CrossingController {
  constructor(private readonly crossings: CrossingService) {}

  @Get()
  @Roles('shipper', 'carrier', 'customs_broker', 'customs_officer', 'operator')
  @ApiAnswers({
    status: 200,
    description: 'Every crossing with its state now (operator override, configuration, or season)',
    example: { items: [stateExample] },
  })
  async list() {
    return { items: await this.crossings.list() };
  }

  @Get(':crossing')
  @Roles('shipper', 'carrier', 'customs_broker', 'customs_officer', 'operator')
  @ApiAnswers(
    {
      status: 200,
      description: 'One crossing (by id or name) with its state and the latest overrides, lifted ones included',
      example: { ...stateExample, history: [overrideExample] },
    },
    404,
  )
  get(@Param('crossing') crossing: string) {
    return this.crossings.get(crossing);
  }

  @Post(':crossing/overrides')
  @HttpCode(201)
  @Roles('operator')
  @Idempotent()
  @ApiJsonBody(setOverrideSchema, setOverrideExample)
  @ApiAnswers(
    {
      status: 201,
      description:
        'Closed or opened from `from` (default now) until `until` (default: until lifted); ' +
        'crossing.closed or crossing.opened is published, and the next booking honours it',
      example: {
        override: overrideExample,
        crossing: { ...stateExample, closure: { ...stateExample.closure, source: 'operator' } },
      },
    },
    403,
    404,
    409,
    422,
  )
  async set(
    @CurrentPrincipal() principal: Principal,
    @Param('crossing') crossing: string,
    @Body(new ZodBody(setOverrideSchema)) body: SetOverride,
  ) {
    return this.crossings.set(principal, crossing, body);
  }

  @Post(':crossing/overrides/:id/lift')
  @HttpCode(200)
  @Roles('operator')
  @Idempotent()
  @ApiJsonBody(liftOverrideSchema, { requestedBy: 'control room (A. Khan)' })
  @ApiAnswers(
    {
      status: 200,
      description: 'Lifted: the crossing follows the calendar again; crossing.override.lifted is published',
      example: {
        override: { ...overrideExample, liftedAt: '2026-12-02T09:00:00.000Z', liftedBy: 'key_9f2c51e0a7b34d18' },
        crossing: stateExample,
      },
    },
    403,
    404,
    409,
    422,
  )
  async lift(
    @CurrentPrincipal() principal: Principal,
    @Param('crossing') crossing: string,
    @Param('id') id: string,
    @Body(new ZodBody(liftOverrideSchema)) body: LiftOverride,
  ) {
    return this.crossings.lift(principal, crossing, uuidOr404(id, 'override'), body);
  }
}
