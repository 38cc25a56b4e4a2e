import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics.registry';

const METRICS_ROUTE = '/metrics';

/** Requests Fastify matched to no route: one label, so a scan of random URLs mints no series. */
export const UNMATCHED_ROUTE = 'unmatched';

type HttpLabel = 'method' | 'route' | 'status_code';

/**
 * Requests by method, route template (`/v1/shipments/:id`, never the raw URL) and status code. Counted
 * in Fastify's onResponse hook, which sees every reply: those written by Nest's exception filters,
 * the rate limiter's 429s and Fastify's own 400/413s too.
 */
@Injectable()
export class HttpMetrics implements OnModuleInit {
  private readonly requests: Counter<HttpLabel>;
  private readonly duration: Histogram<HttpLabel>;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.requests = new Counter({
      name: 'logistics_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status code.',
      labelNames: ['method', 'route', 'status_code'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'logistics_http_request_duration_seconds',
      help:
        'Time from receiving an HTTP request to the end of its response, by method, ' +
        'route template and status code.',
      labelNames: ['method', 'route', 'status_code'],
      registers: [registry],
    });
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('onResponse', async (request, reply) => {
      this.observe(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    });
  }

  observe(method: string, route: string | undefined, statusCode: number, seconds: number): void {
    if (route === METRICS_ROUTE) return;
    const labels = { method, route: route ?? UNMATCHED_ROUTE, status_code: String(statusCode) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }
}
