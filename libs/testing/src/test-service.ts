import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@lib/bootstrap';
import { createTestDatabase, type TestDatabase } from './test-database';
import { uniqueName } from './unique';

export interface RunningService {
  app: NestFastifyApplication;
  baseUrl: string;
  database: TestDatabase;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/**
 * Boots a service in-process on port 0 against its own database, topic prefix and BullMQ prefix,
 * as CONVENTIONS.md asks of tests. `env` overrides the isolated defaults.
 */
export async function startTestService(
  service: string,
  moduleFor: (env: NodeJS.ProcessEnv) => DynamicModule,
  env: NodeJS.ProcessEnv = {},
): Promise<RunningService> {
  const database = await createTestDatabase(service);
  const serviceEnv: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    // Tests provoke failures on purpose; TEST_LOG_LEVEL=info shows the services' logs.
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'fatal',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    KAFKA_TOPIC_PREFIX: `${uniqueName('t')}.`,
    BULLMQ_PREFIX: uniqueName('tq'),
    [`${service.toUpperCase()}_PORT`]: '0',
    ...env,
  };
  const app = await createHttpApp(moduleFor(serviceEnv));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    database,
    env: serviceEnv,
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      await app.close();
      await database.drop();
    },
  };
}
