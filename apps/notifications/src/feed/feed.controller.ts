import { Controller, Headers, Query, Sse, type MessageEvent } from '@nestjs/common';
import { ApiHeader, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { z } from 'zod';
import { ApiAnswers, NotFoundProblem, Roles, ValidationProblem, ZodBody } from '@lib/http';
import { actsForShipper, CurrentPrincipal, type Principal } from '@lib/identity';
import { FeedService } from './feed.service';

const feedQuery = z.strictObject({
  shipperId: z.string().min(1).max(100).optional(),
  lastEventId: z
    .string()
    .regex(/^\d{1,18}$/, 'a feed sequence number')
    .optional(),
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
    name: 'shipperId',
    required: false,
    description: 'Brokers and operators: whose feed (a shipper reads its own)',
  })
  @ApiAnswers(
    {
      status: 200,
      description: 'text/event-stream: `id` = feed sequence, `event` = event type, `data` = the notification as JSON',
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
    @Headers('last-event-id') header?: string,
  ): Promise<Observable<MessageEvent>> {
    const shipperId = principal.role === 'shipper' ? principal.tenantId : query.shipperId;
    if (!shipperId) throw new ValidationProblem([{ field: 'shipperId', reason: 'required for brokers and operators' }]);
    if (!actsForShipper(principal, shipperId)) throw new NotFoundProblem(`no feed for ${shipperId}`);
    if (header !== undefined && !lastEventIdHeader.safeParse(header).success)
      throw new ValidationProblem([{ field: 'Last-Event-ID', reason: 'a feed sequence number' }]);
    const after = header ?? query.lastEventId ?? (await this.feed.latest(shipperId));
    return this.feed.stream(shipperId, after);
  }
}
