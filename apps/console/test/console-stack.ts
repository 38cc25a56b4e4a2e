import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createCaller,
  createTestStack,
  startTestService,
  testKafka,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { modules, query } from '../../../test/support/system';
import { loadConsoleConfig } from '../src/console.config';
import { createConsoleApp } from '../src/console-app';

export interface ConsoleStack {
  stack: TestStack;
  services: RunningService[];
  console: NestFastifyApplication;
  baseUrl: string;
  operator: TestCaller;
  shipper: TestCaller;
  /** The operator key the console itself calls the services' APIs with (CONSOLE_OPERATOR_KEY). */
  consoleKey: TestCaller;
  /** Writes `count` records to a topic of the stack (its prefix added). */
  produce(topic: string, count: number): Promise<void>;
  stop(): Promise<void>;
}

const UNREACHABLE = 'http://127.0.0.1:9';

/**
 * A private stack (database, topics, BullMQ prefix) with the named services in-process and the
 * console watching them (the others are pointed at a closed port, so they show as unreachable),
 * sampling every 500 ms, verifying keys without a cache (a revocation bites at once).
 */
export async function startConsoleStack(
  label: string,
  serviceNames: (keyof typeof modules)[],
  serviceEnv: Partial<Record<keyof typeof modules, NodeJS.ProcessEnv>> = {},
): Promise<ConsoleStack> {
  const stack = await createTestStack(label);
  // A test database is a copy of one template with every service's schema. The console reads other
  // services' schemas (outboxes) and shows '—' for a service that never ran there: keep only those started.
  for (const name of Object.keys(modules) as (keyof typeof modules)[]) {
    if (!serviceNames.includes(name)) await query(stack, `DROP SCHEMA "${name}" CASCADE`);
  }
  const services = await Promise.all(
    serviceNames.map((name) => startTestService(name, modules[name], serviceEnv[name] ?? {}, stack)),
  );
  const consoleKey = await createCaller(stack, { name: 'Operator console', role: 'operator' });
  const urlOf = (name: keyof typeof modules) => services[serviceNames.indexOf(name)]?.baseUrl ?? UNREACHABLE;
  const config = loadConsoleConfig({
    ...stack.env,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'fatal',
    CONSOLE_PORT: '0',
    SHIPMENTS_URL: urlOf('shipments'),
    CUSTOMS_URL: urlOf('customs'),
    NOTIFICATIONS_URL: urlOf('notifications'),
    CONSOLE_SAMPLE_INTERVAL_MS: '500',
    API_KEY_CACHE_TTL_MS: '0',
    CONSOLE_OPERATOR_KEY: consoleKey.authorization,
  });
  const app = await createConsoleApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const operator = await createCaller(stack, { name: 'Duty operator', role: 'operator' });
  const shipper = await createCaller(stack, { name: 'Bhalwal Kinnow Exports', role: 'shipper' });
  const kafka = testKafka('console-test');
  const producer = kafka.producer();
  await producer.connect();
  return {
    stack,
    services,
    console: app,
    baseUrl: `http://127.0.0.1:${port}`,
    operator,
    shipper,
    consoleKey,
    produce: async (topic, count) => {
      await producer.send({
        topic: `${stack.topicPrefix}${topic}`,
        messages: Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: JSON.stringify({ i }) })),
      });
    },
    stop: async () => {
      await producer.disconnect();
      await app.close();
      for (const service of services) await service.stop();
      await stack.dispose();
    },
  };
}
