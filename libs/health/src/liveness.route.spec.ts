import Fastify from 'fastify';
import type { HttpAdapterHost } from '@nestjs/core';
import { LIVENESS_PATH, LivenessRoute } from './liveness.route';

describe('LivenessRoute', () => {
  it('answers GET /health/live as terminus answers a check without indicators', async () => {
    const fastify = Fastify();
    new LivenessRoute({ httpAdapter: { getInstance: () => fastify } } as unknown as HttpAdapterHost).onModuleInit();
    const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
    try {
      const response = await fetch(`${url}${LIVENESS_PATH}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      await expect(response.json()).resolves.toEqual({ status: 'ok', info: {}, error: {}, details: {} });
    } finally {
      await fastify.close();
    }
  });
});
