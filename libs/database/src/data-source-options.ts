import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { TypeOrmLogger } from './typeorm-logger';

export interface DatabaseOptions {
  url: string;
  /** The service's own schema; its migrations table lives there too. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- the type TypeORM's options take
  migrations: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- the type TypeORM's options take
  entities?: MixedList<Function | string | EntitySchema>;
  poolSize?: number;
  applicationName?: string;
}

/** TypeORM options for one service: its schema, its migrations, never `synchronize`. */
export function dataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    // Through the service logger, never with query parameters (TypeORM's console loggers print them).
    logger: new TypeOrmLogger(),
    extra: {
      max: options.poolSize ?? 10,
      // A starved pool fails the request instead of hanging it (e.g. a handler holding an ambient transaction).
      connectionTimeoutMillis: 10_000,
      application_name: options.applicationName ?? options.schema,
    },
  };
}
