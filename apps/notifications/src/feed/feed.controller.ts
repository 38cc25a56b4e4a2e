import { Controller, Headers, Query, Res, Sse, type MessageEvent } from '@nestjs/common';
import { ApiHeader, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Observable } from 'rxjs';
import { z } from 'zod';
import { ApiAnswers, NotFoundProblem, Roles, ValidationProblem, ZodBody } from '@lib/http';
import { LANGUAGES, negotiateLanguage } from '@lib/i18n';
import { actsForShipper, CurrentPrincipal, type Principal } from '@lib/identity';
import { FeedService } from './feed.service';

const feedQuery = z.strictObject({
  shipperId: z.string().min(1).max(100).optional(),
  lastEventId: z
    .string()
    .regex(/^\d{1,18}$/, 'a feed sequence number')
    .optional(),
  language: z.enum(LANGUAGES, { error: `one of ${LANGUAGES.join(', ')}` }).optional(),
});
const lastEventIdHeader = z.string().regex(/^\d{1,18}$/);

/** The shipper's live feed (Server-Sent Events). A reconnecting EventSource resumes from `Last-Event-ID`. */
@ApiTags('feed')
@Controller('v1/feed')
export class FeedController {
  constructor(private readonly feed: FeedService) {}

  @Sse()
  @Roles('shipper', 'customs_broker', 'operator')
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume after this event id (sent by EventSource when it reconnects)',
  })
  @ApiQuery({
    name: 'lastEventId',
    required: false,
    description: 'Same as the header, for clients that cannot set it; 0 = from the beginning',
  })
  @ApiQuery({
    name: 'language',
    required: false,
    enum: LANGUAGES,
    description: 'The language of titles and messages; without it, the best for Accept-Language (else English)',
  })
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'Picks the language when `language` is absent' })
  @ApiQuery({
    name: 'shipperId',
    required: false,
    description: 'Brokers and operators: whose feed (a shipper reads its own)',
  })
  @ApiAnswers(
    {
      status: 200,
      description:
        'text/event-stream: `id` = feed sequence, `event` = event type, `data` = the notification as JSON; ' +
        '`Content-Language` names the language of titles and messages',
      example:
        'id: 42\nevent: customs.cleared\n' +
        'data: {"id":"0b7d…","title":"Kinnow shipment KZPK-7F3K-9Q2M cleared customs at Torkham"}\n\n',
    },
    404,
    422,
  )
  async stream(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodBody(feedQuery)) query: z.infer<typeof feedQuery>,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('last-event-id') header?: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<Observable<MessageEvent>> {
    const shipperId = principal.role === 'shipper' ? principal.tenantId : query.shipperId;
    if (!shipperId) throw new ValidationProblem([{ field: 'shipperId', reason: 'required for brokers and operators' }]);
    if (!actsForShipper(principal, shipperId)) throw new NotFoundProblem(`no feed for ${shipperId}`);
    if (header !== undefined && !lastEventIdHeader.safeParse(header).success)
      throw new ValidationProblem([{ field: 'Last-Event-ID', reason: 'a feed sequence number' }]);
    const after = header ?? query.lastEventId ?? (await this.feed.latest(shipperId));
    // Browsers' EventSource always sends Accept-Language, so a reader may get a language it did not ask
    // for by name: the answer says which.
    const language = query.language ?? negotiateLanguage(acceptLanguage);
    reply.header('Content-Language', language);
    return this.feed.stream(shipperId, after, language);
  }
}
