import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  Sse,
  UseGuards,
  type MessageEvent,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import type { ConsoleConfig } from '../console.config';
import { CONSOLE_CONFIG } from '../console.tokens';
import { CurrentOperator, SessionGuard, sessionTokenOf } from '../session/session.guard';
import { SessionService } from '../session/session.service';
import type { OperatorSession } from '../session/session.store';
import { corridorsFragment, corridorsPage, type CorridorsNotice } from './corridors.page';
import { CorridorsService, type ChangeResult, type OverrideForm } from './corridors.service';

const HTML = 'text/html; charset=utf-8';
const NOTICES: Record<string, CorridorsNotice> = {
  changed: { tone: 'ok', text: 'Done: the crossing’s new state is below, and bookings follow it from now on.' },
};

/**
 * GET /corridors (the schematic, the crossings and their controls), its live stream, and the
 * crossing forms (CSRF-checked before the handler): a change redirects back (so a reload does not
 * post again); a refusal is shown at once with the service's reason.
 */
@Controller('corridors')
@UseGuards(SessionGuard)
export class CorridorsController {
  constructor(
    private readonly corridors: CorridorsService,
    private readonly sessions: SessionService,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  @Get()
  async page(
    @CurrentOperator() operator: OperatorSession,
    @Res() reply: FastifyReply,
    @Query('outcome') outcome?: string,
  ): Promise<void> {
    await this.render(operator, reply, outcome ? NOTICES[outcome] : undefined);
  }

  /** The schematic again every sample interval while the page is open; the session is checked before each. */
  @Sse('stream')
  stream(@Req() request: FastifyRequest): Observable<MessageEvent> {
    const token = sessionTokenOf(request);
    return new Observable<MessageEvent>((subscriber) => {
      let busy = false;
      const push = async () => {
        if (busy) return;
        busy = true;
        try {
          if (!(await this.sessions.resolve(token))) {
            subscriber.next({
              type: 'signed-out',
              data: '<p class="alert" role="alert">Your session has ended. <a href="/sign-in">Sign in again</a>.</p>',
            });
            return subscriber.complete();
          }
          subscriber.next({ type: 'corridors', data: corridorsFragment(await this.corridors.view()).value });
        } catch (error) {
          subscriber.error(error);
        } finally {
          busy = false;
        }
      };
      void push();
      const timer = setInterval(() => void push(), this.config.overview.sampleIntervalMs);
      return () => clearInterval(timer);
    });
  }

  @Post('crossings/:crossing/overrides')
  async set(
    @CurrentOperator() operator: OperatorSession,
    @Res() reply: FastifyReply,
    @Param('crossing') crossing: string,
    @Body() body: OverrideForm | undefined,
  ): Promise<void> {
    await this.after(operator, reply, await this.corridors.setOverride(operator, crossing, body ?? {}));
  }

  @Post('crossings/:crossing/overrides/:id/lift')
  async lift(
    @CurrentOperator() operator: OperatorSession,
    @Res() reply: FastifyReply,
    @Param('crossing') crossing: string,
    @Param('id') id: string,
  ): Promise<void> {
    await this.after(operator, reply, await this.corridors.lift(operator, crossing, id));
  }

  private async after(operator: OperatorSession, reply: FastifyReply, result: ChangeResult): Promise<void> {
    if (result.ok) return void reply.redirect('/corridors?outcome=changed', 303);
    reply.status(422);
    await this.render(operator, reply, { tone: 'bad', text: result.text });
  }

  private async render(
    operator: OperatorSession,
    reply: FastifyReply,
    notice: CorridorsNotice | undefined,
  ): Promise<void> {
    const [view, actions] = await Promise.all([this.corridors.view(), this.corridors.recentChanges()]);
    void reply
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(corridorsPage(view, actions, notice, { operator, csrfToken: reply.generateCsrf() }));
  }
}
