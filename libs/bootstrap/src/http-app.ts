import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from '@nestjs/common';
import { Logger as PinoLogger } from 'nestjs-pino';
import { HttpPlatform, ProblemDetailsFilter } from '@lib/http';
import { KafkaEventServer } from '@lib/messaging';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * A service as one Nest application: HTTP on Fastify, logging through pino from the first line, and
 * its `@EventPattern` handlers fed by the Kafka event server (a hybrid app, closed together).
 */
export async function createHttpApp(module: DynamicModule): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, logger: false }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(PinoLogger));
  app.flushLogs();
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.get(HttpPlatform).configure(app);
  app.connectMicroservice({ strategy: app.get(KafkaEventServer) });
  await app.startAllMicroservices();
  return app;
}

/**
 * Closes the app on SIGTERM/SIGINT: stop taking requests, let modules close their connections,
 * and exit non-zero if that takes longer than `timeoutMs`. Call `started()` once the app listens: a
 * signal before that waits for the start-up to finish and then closes as usual (closing at once raced
 * Nest's initialisation: Fastify refused the routes still being added, "instance is already
 * listening"), still within `timeoutMs` of the signal.
 */
export function closeOnSignals(app: INestApplication, timeoutMs: number): { started(): void } {
  let closing = false;
  let markStarted!: () => void;
  const startedUp = new Promise<void>((resolve) => (markStarted = resolve));
  let started = false;
  const close = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    const logger = new Logger('Shutdown');
    logger.log({ signal, startingUp: !started }, started ? 'shutting down' : 'shutting down once started');
    setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs).unref();
    await startedUp;
    await app.close();
    logger.log('stopped');
    process.exit(0);
  };
  // `on`, not `once`: a library using signal-exit re-raises the signal when it sees no other listener.
  process.on('SIGTERM', (signal) => void close(signal));
  process.on('SIGINT', (signal) => void close(signal));
  return {
    started: () => {
      started = true;
      markStarted();
    },
  };
}
