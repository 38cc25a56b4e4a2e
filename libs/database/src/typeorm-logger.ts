import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLoggerInterface } from 'typeorm';

const MAX_QUERY_CHARS = 500;

/** What Postgres says about a failed statement, minus anything that can carry the data it was given. */
interface QueryFailure {
  code?: string;
  message: string;
  table?: string;
  column?: string;
  constraint?: string;
}

/**
 * Postgres quotes the offending value in data-exception messages (class 22: `invalid input syntax
 * for type uuid: "<value>"`), so their text ends at the colon. `detail`, `where` and the parameters are
 * never taken: they hold row values (`Key (id)=(…)`), and a value may be a secret.
 */
function describeQueryFailure(error: unknown): QueryFailure {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as Record<
    string,
    unknown
  >;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const raw = typeof e.message === 'string' ? e.message : String(error);
  const message = code?.startsWith('22') ? raw.replace(/:[\s\S]*$/, '') : raw;
  const named = (key: string) => (typeof e[key] === 'string' ? e[key] : undefined);
  return { code, message, table: named('table'), column: named('column'), constraint: named('constraint') };
}

/**
 * TypeORM's logging through the service logger (pino behind Nest's Logger: JSON, redaction and
 * LOG_LEVEL apply) instead of its console loggers, which print failed queries with their parameters.
 * Query parameters are never logged; neither is each query (the SQL is in the code) nor TypeORM's
 * chatter about migrations, which the CLIs would print.
 */
export class TypeOrmLogger implements TypeOrmLoggerInterface {
  private readonly logger = new Logger('TypeORM');

  logQuery(): void {
    // Every statement would be a line, and its parameters may be secrets.
  }

  logQueryError(error: string | Error, query: string): void {
    // The caller gets the error and decides (a unique violation may be expected), so this is a warning.
    this.logger.warn({ ...describeQueryFailure(error), query: query.slice(0, MAX_QUERY_CHARS) }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ durationMs: time, query: query.slice(0, MAX_QUERY_CHARS) }, 'slow query');
  }

  logSchemaBuild(): void {
    // No schema builds here (migrations only, never synchronize).
  }

  logMigration(): void {
    // DatabaseModule logs which migrations it applied; the CLIs print their own result.
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(message);
  }
}
