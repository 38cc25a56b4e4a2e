import { dirname, join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { ConsoleConfig } from './console.config';
import { ConsoleModule } from './console.module';
import { ConsolePageFilter } from './console-page.filter';
import { CSRF_COOKIE_OPTIONS } from './session/session-cookie';

/** Forms are small; nothing else is posted. */
const BODY_LIMIT_BYTES = 16 * 1024;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What the pages load, served by the app itself (no CDN: an operator's network may reach nothing
 * else): the console's own stylesheet and script, htmx with its SSE extension, uPlot. Only these files.
 */
const ASSETS: Record<string, string> = {
  'console.css': join(__dirname, 'assets/console.css'),
  'console.js': join(__dirname, 'assets/console.js'),
  'htmx.min.js': require.resolve('htmx.org/dist/htmx.min.js'),
  'sse.min.js': require.resolve('htmx-ext-sse/dist/sse.min.js'),
  'uPlot.iife.min.js': require.resolve('uplot/dist/uPlot.iife.min.js'),
  'uPlot.min.css': require.resolve('uplot/dist/uPlot.min.css'),
};

/**
 * Everything from here on is same-origin only: scripts and styles from /assets, the stream from
 * /overview/stream, forms posted back here, never framed.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/**
 * The console as a Nest application on Fastify: JSON logs from the first line, cookies (the CSRF
 * secret's signed), CSRF verified on every state-changing request before its handler, security
 * headers, the assets, and error pages.
 */
export async function createConsoleApp(config: ConsoleConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ConsoleModule.forRoot(config),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, logger: false, trustProxy: config.http.trustProxy }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(PinoLogger));
  app.flushLogs();
  app.useGlobalFilters(new ConsolePageFilter());
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(fastifyCookie, { secret: config.session.cookieSecret });
  await app.register(fastifyCsrf as never, { sessionPlugin: '@fastify/cookie', cookieOpts: CSRF_COOKIE_OPTIONS });
  // After the body is parsed (the token travels in the form as `_csrf`), before any handler.
  fastify.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method)) return done();
    fastify.csrfProtection(request, reply, done);
  });
  fastify.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    return payload;
  });
  await app.register(fastifyStatic as never, {
    root: [...new Set(Object.values(ASSETS).map((path) => dirname(path)))],
    prefix: '/assets/',
    // Only the files listed, whatever else sits in those folders of node_modules.
    allowedPath: (pathName: string) => Object.hasOwn(ASSETS, pathName.replace(/^\//, '')),
    index: false,
    maxAge: '1h',
  });
  return app;
}
