import { BadRequestException, Controller, Get, NotFoundException, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentOperator, SessionGuard } from '../session/session.guard';
import type { OperatorSession } from '../session/session.store';
import { KafkaBrowserService } from './kafka-browser.service';
import { kafkaBrowserPage, shipmentFactsPage } from './kafka-browser.page';
import { parseCursor, type RecordFilter } from './record-view';

const TRACE_ID = /^[0-9a-f]{32}$/i;

const clean = (value: string | undefined) => value?.trim() || undefined;

/** GET /kafka: a topic's recent records with filters; GET /kafka/shipment: one shipment's facts everywhere. */
@Controller('kafka')
@UseGuards(SessionGuard)
export class KafkaBrowserController {
  constructor(private readonly browser: KafkaBrowserService) {}

  @Get()
  async records(
    @CurrentOperator() operator: OperatorSession,
    @Res() reply: FastifyReply,
    @Query() query: { topic?: string; type?: string; subject?: string; trace?: string; before?: string },
  ): Promise<void> {
    const topics = this.browser.topics();
    const topic = clean(query.topic) ?? topics[0];
    if (!topics.includes(topic)) throw new NotFoundException(`${topic} is not a project topic`);
    const filter: RecordFilter = {
      type: clean(query.type),
      subject: clean(query.subject),
      traceId: clean(query.trace),
    };
    if (filter.traceId && !TRACE_ID.test(filter.traceId))
      throw new BadRequestException('A trace id is 32 hexadecimal characters.');
    const result = await this.browser.recent(topic, parseCursor(query.before), filter);
    void reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(kafkaBrowserPage(topics, result, filter, !!query.before, { operator, csrfToken: reply.generateCsrf() }));
  }

  @Get('shipment')
  async shipment(
    @CurrentOperator() operator: OperatorSession,
    @Res() reply: FastifyReply,
    @Query('id') id?: string,
  ): Promise<void> {
    const shipmentId = clean(id);
    if (!shipmentId) throw new BadRequestException('Which shipment? Give its id.');
    const records = await this.browser.follow(shipmentId);
    void reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(shipmentFactsPage(shipmentId, records, { operator, csrfToken: reply.generateCsrf() }));
  }
}
