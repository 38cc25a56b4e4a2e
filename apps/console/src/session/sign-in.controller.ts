import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleConfig } from '../console.config';
import { CONSOLE_CONFIG } from '../console.tokens';
import { sessionTokenOf } from './session.guard';
import { sessionCookieOptions } from './session-cookie';
import { SessionService } from './session.service';
import { authorizationFromForm, SESSION_COOKIE } from './sign-in';
import { signInPage } from './sign-in.page';

const HTML = 'text/html; charset=utf-8';

/** Sign-in with an operator API key, and sign-out. Both forms carry a CSRF token (checked before the handler runs). */
@Controller()
export class SignInController {
  constructor(
    private readonly sessions: SessionService,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  @Get('sign-in')
  async form(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('signed-out') signedOut?: string,
  ): Promise<void> {
    if (await this.sessions.resolve(sessionTokenOf(request))) return void reply.redirect('/', 303);
    void reply
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(
        signInPage({
          csrfToken: reply.generateCsrf(),
          notice: signedOut !== undefined ? 'You are signed out.' : undefined,
        }),
      );
  }

  @Post('sign-in')
  async signIn(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: { apiKey?: unknown } | undefined,
  ): Promise<void> {
    const outcome = await this.sessions.signIn(authorizationFromForm(body?.apiKey), request.ip);
    if (outcome.kind !== 'operator' || !outcome.token) {
      const message = outcome.kind === 'operator' ? 'Sign-in failed.' : outcome.message;
      void reply
        .code(outcome.kind === 'forbidden' ? 403 : 401)
        .type(HTML)
        .header('cache-control', 'no-store')
        .send(signInPage({ csrfToken: reply.generateCsrf(), error: message }));
      return;
    }
    void reply
      .setCookie(SESSION_COOKIE, outcome.token, sessionCookieOptions(this.config.session.ttlMs))
      .redirect('/', 303);
  }

  @Post('sign-out')
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.sessions.signOut(sessionTokenOf(request));
    void reply.clearCookie(SESSION_COOKIE, { path: '/' }).redirect('/sign-in?signed-out', 303);
  }
}
