import { setFlagsFromString } from 'node:v8';
import { Logger, type DynamicModule } from '@nestjs/common';
import { ConfigError, type ServiceConfig } from '@lib/config';
import { closeOnSignals, createHttpApp } from './http-app';

/**
 * Runs a service's entry point. A bad configuration stops the process with the variables named,
 * as one JSON line on stderr (the logger is not up yet) and exit code 78 (EX_CONFIG).
 */
export function runMain(service: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const config = error instanceof ConfigError;
    process.stderr.write(
      `${JSON.stringify({
        level: 'fatal',
        time: new Date().toISOString(),
        service,
        msg: config ? error.message : `failed to start: ${(error as Error)?.message ?? String(error)}`,
        ...(config ? { problems: error.problems } : { stack: (error as Error)?.stack }),
      })}\n`,
    );
    process.exit(config ? 78 : 1);
  });
}

/** The whole of a service's main.ts: validated config, the app on Fastify, graceful shutdown. */
export function runService<C extends ServiceConfig>(
  service: string,
  loadConfig: () => C,
  moduleFor: (config: C) => DynamicModule,
): void {
  runMain(service, async () => {
    const config = loadConfig();
    // Read by V8 at each full GC, so setting it at run time works; garbage otherwise grows the heap
    // well past the live set under load (RSS 250+ MB for ~70 MB live).
    if (config.heapGrowingPercent > 0) setFlagsFromString(`--heap-growing-percent=${config.heapGrowingPercent}`);
    const app = await createHttpApp(moduleFor(config));
    const signals = closeOnSignals(app, config.shutdownTimeoutMs);
    await app.listen({ port: config.http.port, host: config.http.host });
    signals.started();
    new Logger('Bootstrap').log({ url: await app.getUrl() }, 'listening');
  });
}
