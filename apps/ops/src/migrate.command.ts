import { DataSource } from 'typeorm';
import { dataSourceOptions, migrate } from '@lib/database';
import { migrateIdentity } from '@lib/identity';
import { migrations as consoleMigrations } from '../../console/src/database/migrations';
import { migrations as customsMigrations } from '../../customs/src/database/migrations';
import { migrations as notificationsMigrations } from '../../notifications/src/database/migrations';
import { migrations as shipmentsMigrations } from '../../shipments/src/database/migrations';

/** Every app's schema with its migrations (the services', then the console's), in the order `migrate` applies them. */
export const serviceSchemas = [
  { schema: 'shipments', migrations: shipmentsMigrations },
  { schema: 'customs', migrations: customsMigrations },
  { schema: 'notifications', migrations: notificationsMigrations },
  { schema: 'console', migrations: consoleMigrations },
];

/** Applies every service's pending migrations; returns what was applied per schema. */
export async function migrateAll(databaseUrl: string): Promise<Record<string, string[]>> {
  const applied: Record<string, string[]> = { identity: await migrateIdentity(databaseUrl) };
  for (const { schema, migrations } of serviceSchemas) {
    const dataSource = await new DataSource(dataSourceOptions({ url: databaseUrl, schema, migrations })).initialize();
    try {
      applied[schema] = (await migrate(dataSource, schema)).map((m) => m.name);
    } finally {
      await dataSource.destroy();
    }
  }
  return applied;
}
