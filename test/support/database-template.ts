// Jest setup file (integration project): every test stack's database is a copy of one template
// migrated with every schema's migrations, the list `npm run migrate` applies.
import { identityMigrations } from '@lib/identity';
import type { MigrationInterface } from 'typeorm';
import { useDatabaseTemplate } from '@lib/testing';
import { migrateAll, serviceSchemas } from '../../apps/ops/src/migrate.command';

type MigrationClass = new () => MigrationInterface;

const schemas: { schema: string; migrations: MigrationClass[] }[] = [
  { schema: 'identity', migrations: identityMigrations },
  ...serviceSchemas,
];

useDatabaseTemplate({
  // A migration's source is part of the key: editing one (not only adding one) makes a new template.
  fingerprint: schemas.flatMap(({ schema, migrations }) =>
    migrations.map(
      (migration) => `${schema}/${migration.name}/${(migration.prototype as MigrationInterface).up.toString()}`,
    ),
  ),
  migrate: async (url) => void (await migrateAll(url)),
});
