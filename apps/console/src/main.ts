import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { closeOnSignals, runMain } from '@lib/bootstrap';
import { loadConsoleConfig } from './console.config';
import { createConsoleApp } from './console-app';

runMain('console', async () => {
  const config = loadConsoleConfig();
  const app = await createConsoleApp(config);
  const signals = closeOnSignals(app, config.shutdownTimeoutMs);
  await app.listen({ port: config.http.port, host: config.http.host });
  signals.started();
  new Logger('Bootstrap').log({ url: await app.getUrl() }, 'listening');
});
