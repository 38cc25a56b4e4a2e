import { randomUUID } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';

export interface LoggingOptions {
  service: string;
  level: string;
}

/** Paths never written to a log: credentials in headers and anything that looks like a secret. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.apiKey',
];

/** One JSON logger (pino) for HTTP access logs and every Nest `Logger`, with the service name on each line. */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.level,
            base: { service: options.service },
            timestamp: stdTimeFunctions.isoTime,
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            genReqId: (req) => (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
            // Probes and scrapes run every few seconds; logging each would drown the interesting lines.
            autoLogging: { ignore: (req) => /^\/(health|metrics)(\/|$)/.test(req.url ?? '') },
            customLogLevel: (_req, res, error) =>
              error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
