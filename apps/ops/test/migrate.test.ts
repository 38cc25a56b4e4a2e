import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@lib/testing';
import { migrateAll, serviceSchemas } from '../src/migrate.command';

describe('migrations on a fresh database', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('migrate');
  });

  afterAll(async () => {
    await database.drop();
  });

  it('creates each service schema with its own migrations table', async () => {
    const applied = await migrateAll(database.url);
    for (const { schema, migrations } of serviceSchemas) {
      expect(applied[schema]).toHaveLength(migrations.length);
    }
    expect(applied.identity).toEqual(['CreateIdentity1764500000000']);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT table_schema FROM information_schema.tables WHERE table_name = 'migrations' ORDER BY table_schema`,
      );
      expect(rows.map((r) => r.table_schema)).toEqual(['customs', 'identity', 'notifications', 'shipments']);
    } finally {
      await client.end();
    }
  });

  it('applies nothing the second time', async () => {
    const again = await migrateAll(database.url);
    expect(Object.values(again).flat()).toEqual([]);
  });
});
