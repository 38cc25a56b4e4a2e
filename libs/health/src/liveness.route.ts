import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

export const LIVENESS_PATH = '/health/live';

/** What terminus answers for a check with no indicators, kept so probes and dashboards read the same. */
const LIVE = JSON.stringify({ status: 'ok', info: {}, error: {}, details: {} });

/**
 * `GET /health/live`: the process is up and serving HTTP, and says nothing about its dependencies.
 * Answered by Fastify itself, outside Nest's router (no guard, interceptor, pipe or filter: a
 * constant answer needs none), so the probe costs what an HTTP answer costs. It is an open path:
 * the platform's hooks do not trace, verify or limit it.
 */
@Injectable()
export class LivenessRoute implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    fastify?.get(LIVENESS_PATH, (_request, reply) => {
      void reply.type('application/json; charset=utf-8').send(LIVE);
    });
  }
}
