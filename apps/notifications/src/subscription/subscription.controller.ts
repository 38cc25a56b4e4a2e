import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { ApiAnswers, ApiJsonBody, Idempotent, Roles, ZodBody, uuidOr404 } from '@lib/http';
import { LANGUAGES, negotiateLanguage } from '@lib/i18n';
import { CurrentPrincipal, type Principal } from '@lib/identity';
import {
  createSubscriptionSchema,
  subscriptionExample,
  updateSubscriptionSchema,
  type CreateSubscription,
  type UpdateSubscription,
} from './dto/subscription.dto';
import type { Subscription } from './subscription.entity';
import { SubscriptionService } from './subscription.service';

function view(s: Subscription) {
  return {
    id: s.id,
    channel: s.channel,
    url: s.url,
    email: s.email,
    description: s.description,
    eventTypes: s.eventTypes,
    language: s.language,
    enabled: s.enabled,
    disabledReason: s.disabledReason,
    previousSecretUntil: s.previousSecretUntil?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
  };
}

/** A shipper manages where it hears about its cargo; another shipper's subscription answers 404. */
@ApiTags('subscriptions')
@Controller('v1/subscriptions')
@Roles('shipper')
export class SubscriptionController {
  constructor(private readonly subscriptions: SubscriptionService) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @ApiJsonBody(createSubscriptionSchema, {
    channel: 'webhook',
    url: 'https://hooks.bhalwal-kinnow.example/cargo',
    eventTypes: ['customs.*', 'shipment.delivered'],
    description: 'ERP integration',
    language: 'ur',
  })
  @ApiHeader({
    name: 'Accept-Language',
    required: false,
    description:
      `Without \`language\` in the body, the subscription's language is the best of ${LANGUAGES.join(', ')} ` +
      'for this header (ru-KZ reads Russian); English when none fits. Emails are written in it.',
  })
  @ApiAnswers(
    {
      status: 201,
      description:
        'Subscribed. A webhook gets its signing secret (whsec_…) here, once. ' +
        '409 SUBSCRIPTION_LIMIT_REACHED at SUBSCRIPTIONS_PER_SHIPPER.',
      example: { ...subscriptionExample, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
    },
    403,
    409,
    422,
  )
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodBody(createSubscriptionSchema)) body: CreateSubscription,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    const { subscription, secret } = await this.subscriptions.create(
      principal.tenantId,
      body,
      negotiateLanguage(acceptLanguage),
    );
    return { ...view(subscription), ...(secret ? { secret } : {}) };
  }

  @Get()
  @ApiAnswers(
    {
      status: 200,
      description: 'The caller’s subscriptions (secrets are never listed)',
      example: { items: [subscriptionExample] },
    },
    403,
  )
  async list(@CurrentPrincipal() principal: Principal) {
    return { items: (await this.subscriptions.list(principal.tenantId)).map(view) };
  }

  @Get(':id')
  @ApiAnswers({ status: 200, description: 'One subscription', example: subscriptionExample }, 404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return view(await this.subscriptions.get(principal.tenantId, uuidOr404(id, 'subscription')));
  }

  @Patch(':id')
  @Idempotent()
  @ApiJsonBody(updateSubscriptionSchema, { eventTypes: ['*'], enabled: true })
  @ApiAnswers(
    {
      status: 200,
      description: 'Changed; enabling again clears the reason it was disabled (e.g. 410 Gone)',
      example: subscriptionExample,
    },
    404,
    422,
  )
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodBody(updateSubscriptionSchema)) body: UpdateSubscription,
  ) {
    return view(await this.subscriptions.update(principal.tenantId, uuidOr404(id, 'subscription'), body));
  }

  @Delete(':id')
  @HttpCode(204)
  @Idempotent()
  @ApiAnswers({ status: 204, description: 'Unsubscribed', example: null }, 404)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.subscriptions.remove(principal.tenantId, uuidOr404(id, 'subscription'));
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Idempotent()
  @ApiAnswers(
    {
      status: 200,
      description:
        'A new secret; the old one still signs (another signature) until previousSecretUntil, ' +
        'as do secrets rotated out earlier until their own expiry. ' +
        '409 TOO_MANY_ROTATIONS while 10 old secrets still sign.',
      example: { secret: 'whsec_3vJ0b1d2Q6m9YcXkqLrT5uWz8aPn4sEh', previousSecretUntil: '2026-12-02T08:00:00.000Z' },
    },
    404,
    409,
  )
  async rotate(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { secret, previousSecretUntil } = await this.subscriptions.rotateSecret(
      principal.tenantId,
      uuidOr404(id, 'subscription'),
    );
    return { secret, previousSecretUntil: previousSecretUntil.toISOString() };
  }
}
