import { Controller, Get, Req, Res, Sse, UseGuards, type MessageEvent } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { CurrentOperator, SessionGuard, sessionTokenOf } from '../session/session.guard';
import { SessionService } from '../session/session.service';
import type { OperatorSession } from '../session/session.store';
import { overviewFragment, overviewPage } from './overview.page';
import { OverviewSampler } from './overview.sampler';

/** The overview page, and its live stream: one `overview` event (the figures as HTML) per sample. */
@Controller()
@UseGuards(SessionGuard)
export class OverviewController {
  constructor(
    private readonly sampler: OverviewSampler,
    private readonly sessions: SessionService,
  ) {}

  @Get()
  page(@CurrentOperator() operator: OperatorSession, @Res() reply: FastifyReply): void {
    void reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(overviewPage(this.sampler.overview(), { operator, csrfToken: reply.generateCsrf() }));
  }

  /**
   * Starts with the current figures, then follows the sampler. The session is checked again before
   * each event, so signing out elsewhere or revoking the key ends the stream with `signed-out`.
   */
  @Sse('overview/stream')
  stream(@Req() request: FastifyRequest): Observable<MessageEvent> {
    const token = sessionTokenOf(request);
    return new Observable<MessageEvent>((subscriber) => {
      subscriber.next({ type: 'overview', data: overviewFragment(this.sampler.overview()).value });
      const unsubscribe = this.sampler.subscribe((view) => {
        void this.sessions.resolve(token).then(
          (session) => {
            if (session) return subscriber.next({ type: 'overview', data: overviewFragment(view).value });
            subscriber.next({
              type: 'signed-out',
              data: '<p class="alert" role="alert">Your session has ended. <a href="/sign-in">Sign in again</a>.</p>',
            });
            subscriber.complete();
          },
          (error: unknown) => subscriber.error(error),
        );
      });
      return unsubscribe;
    });
  }
}
