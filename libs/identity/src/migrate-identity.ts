import { DataSource } from 'typeorm';
import { dataSourceOptions, migrate } from '@lib/database';
import { identityMigrations } from './migrations';

/** Applies the identity schema's migrations (own migrations table, advisory lock) on a short-lived connection. */
export async function migrateIdentity(databaseUrl: string): Promise<string[]> {
  const dataSource = await new DataSource(
    dataSourceOptions({
      url: databaseUrl,
      schema: 'identity',
      migrations: identityMigrations,
      poolSize: 2,
      applicationName: 'identity-migrations',
    }),
  ).initialize();
  try {
    return (await migrate(dataSource, 'identity')).map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
