import { Body, Controller, Get, NotFoundException, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentOperator, SessionGuard } from '../session/session.guard';
import type { OperatorSession } from '../session/session.store';
import { confirmReplayPage, deadLetterPage, deadLettersPage } from './dead-letters.page';
import { DeadLettersService, type ReplayRequest } from './dead-letters.service';

const HTML = 'text/html; charset=utf-8';

interface ReplayForm {
  ref?: string | string[];
  all?: string;
  topic?: string;
}

/** A form's or link's refs and `all`, as a replay request. */
export function replayRequestOf(input: ReplayForm | undefined): ReplayRequest {
  if (input?.all === '1') return { all: true, topic: input.topic?.trim() || undefined };
  const refs = input?.ref === undefined ? [] : Array.isArray(input.ref) ? input.ref : [input.ref];
  return { refs: refs.map((ref) => ref.trim()).filter(Boolean) };
}

/**
 * GET /dead-letters (list and audit trail), /dead-letters/letter?ref= (one in full),
 * /dead-letters/replay?ref=…|all=1 (the confirmation form); POST /dead-letters/replay (CSRF-checked
 * before the handler) replays and audits, then back to the list.
 */
@Controller('dead-letters')
@UseGuards(SessionGuard)
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  async list(
    @CurrentOperator() operator: OperatorSession,
    @Res() reply: FastifyReply,
    @Query() query: { topic?: string; outcome?: string; count?: string },
  ): Promise<void> {
    const topics = this.deadLetters.deadLetterTopics();
    const topic = query.topic && topics.includes(query.topic) ? query.topic : undefined;
    const [letters, audit] = await Promise.all([this.deadLetters.list(topic), this.deadLetters.auditTrail()]);
    const notice = query.outcome ? { outcome: query.outcome, count: Number(query.count) || 0 } : undefined;
    void reply
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(deadLettersPage({ letters, topics, topic, audit, notice }, { operator, csrfToken: reply.generateCsrf() }));
  }

  @Get('letter')
  async letter(
    @CurrentOperator() operator: OperatorSession,
    @Res() reply: FastifyReply,
    @Query('ref') ref = '',
  ): Promise<void> {
    const letter = await this.deadLetters.find(ref);
    if (!letter) throw new NotFoundException(`No dead letter is kept at ${ref}.`);
    void reply
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(deadLetterPage(letter, { operator, csrfToken: reply.generateCsrf() }));
  }

  @Get('replay')
  async confirm(
    @CurrentOperator() operator: OperatorSession,
    @Res() reply: FastifyReply,
    @Query() query: ReplayForm,
  ): Promise<void> {
    const request = replayRequestOf(query);
    const letters = await this.deadLetters.selected(request);
    const shown = 'all' in request ? { all: true, topic: request.topic } : { all: false };
    void reply
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(confirmReplayPage(letters, shown, { operator, csrfToken: reply.generateCsrf() }));
  }

  @Post('replay')
  async replay(
    @CurrentOperator() operator: OperatorSession,
    @Res() reply: FastifyReply,
    @Body() body: ReplayForm | undefined,
  ): Promise<void> {
    const result = await this.deadLetters.replay(operator, replayRequestOf(body));
    const outcome = result.refs.length === 0 ? 'none' : result.outcome;
    const query = new URLSearchParams({ outcome, count: String(result.refs.length) }).toString();
    void reply.redirect(`/dead-letters?${query}`, 303);
  }
}
