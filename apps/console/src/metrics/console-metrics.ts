import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@lib/metrics';

const SIGN_IN_ROUTE = '/sign-in';
const OVERVIEW_STREAM_ROUTE = '/overview/stream';

/** How the sign-in form answers each outcome (SignInController). */
const OUTCOME_BY_STATUS: Record<number, SignInOutcomeLabel> = { 303: 'signed_in', 401: 'refused', 403: 'forbidden' };

type SignInOutcomeLabel = 'signed_in' | 'refused' | 'forbidden' | 'error';

/**
 * The sign-in outcome a response of the form stands for: 303 a session,
 * 401 a key not accepted, 403 not an operator's key.
 */
export function signInOutcomeOf(statusCode: number): SignInOutcomeLabel {
  return OUTCOME_BY_STATUS[statusCode] ?? 'error';
}

/**
 * The console's own figures, read off its HTTP edge in Fastify hooks (as libs/metrics' HttpMetrics
 * counts requests), so the session and overview code stay free of metrics:
 * - sign-in attempts by outcome, from the form's answer. Only posts that reached the handler count:
 *   the marker is set in a preHandler hook, which runs after the CSRF check createConsoleApp adds
 *   before the app initialises, so a refused form is not taken for a key that is not an operator's.
 * - overview streams open now: one from the moment Nest pipes the SSE stream into the response (so a
 *   stream refused by the session guard never counts) until the connection closes.
 */
@Injectable()
export class ConsoleMetrics implements OnModuleInit {
  private readonly signIns: Counter<'outcome'>;
  private readonly streams: Gauge;
  private readonly attempts = new WeakSet<FastifyRequest>();

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.signIns = new Counter({
      name: 'logistics_console_sign_ins_total',
      help:
        'Sign-ins with an operator key, by outcome (signed_in; refused: key not accepted; forbidden: ' +
        "not an operator's key; error).",
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.streams = new Gauge({
      name: 'logistics_console_overview_streams',
      help: 'Overview live streams (SSE) open now.',
      registers: [registry],
    });
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('preHandler', (request, _reply, done) => {
      if (request.method === 'POST' && request.routeOptions.url === SIGN_IN_ROUTE) this.attempts.add(request);
      done();
    });
    fastify.addHook('onResponse', async (request, reply) => {
      if (this.attempts.has(request)) this.signedIn(reply.statusCode);
    });
    fastify.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET' || request.routeOptions.url !== OVERVIEW_STREAM_ROUTE) return;
      reply.raw.once('pipe', () => {
        this.streamOpened();
        reply.raw.once('close', () => this.streamClosed());
      });
    });
  }

  signedIn(statusCode: number): void {
    this.signIns.inc({ outcome: signInOutcomeOf(statusCode) });
  }

  streamOpened(): void {
    this.streams.inc();
  }

  streamClosed(): void {
    this.streams.dec();
  }
}
