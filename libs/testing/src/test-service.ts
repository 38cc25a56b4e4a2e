import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@lib/bootstrap';
import { createTestStack, type TestStack } from './test-stack';

export interface RunningService {
  app: NestFastifyApplication;
  baseUrl: string;
  stack: TestStack;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/**
 * Boots a service in-process on port 0. Without a `stack` it gets a private one (database, topics,
 * BullMQ prefix) that `stop()` removes; with one, it joins the other services of that stack.
 */
export async function startTestService(
  service: string,
  moduleFor: (env: NodeJS.ProcessEnv) => DynamicModule,
  env: NodeJS.ProcessEnv = {},
  shared?: TestStack,
): Promise<RunningService> {
  const stack = shared ?? (await createTestStack(service));
  const serviceEnv: NodeJS.ProcessEnv = {
    ...stack.env,
    // Tests provoke failures on purpose; TEST_LOG_LEVEL=info shows the services' logs.
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'fatal',
    [`${service.toUpperCase()}_PORT`]: '0',
    ...env,
  };
  const app = await createHttpApp(moduleFor(serviceEnv));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    stack,
    env: serviceEnv,
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      await app.close();
      if (!shared) await stack.dispose();
    },
  };
}
