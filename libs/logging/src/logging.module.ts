import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import { traceIdForLogs } from '@lib/tracing';

interface LoggingOptions {
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
  // A failed query (TypeORM's QueryFailedError) carries its parameters, and Postgres' `detail` the row values.
  '*.parameters',
  'err.detail',
  'err.driverError.detail',
];

/** One JSON logger (pino) behind every Nest `Logger`, with the service name and the trace id on each line. */
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
            // The trace id is the correlation id: every line written inside a request, an event or
            // a job carries it, so one carrier post can be followed through every service's logs.
            mixin: traceIdForLogs,
            // The access log is written by the HTTP platform's onResponse hook (libs/http), with the trace id.
            autoLogging: false,
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
