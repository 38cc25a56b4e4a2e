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
    expect(applied.identity).toEqual(['CreateIdentity1764500000000', 'NotifyKeyChanges1766400000000']);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT table_schema FROM information_schema.tables WHERE table_name = 'migrations' ORDER BY table_schema`,
      );
      expect(rows.map((r) => r.table_schema)).toEqual(['console', 'customs', 'identity', 'notifications', 'shipments']);
    } finally {
      await client.end();
    }
  });

  it("creates the console's tables: operators' sessions and the dead-letter replay audit", async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'console' ORDER BY table_name`,
      );
      expect(rows.map((r) => r.table_name)).toEqual(['migrations', 'replay_audit', 'sessions']);
      const { rows: applied } = await client.query('SELECT name FROM console.migrations ORDER BY id');
      expect(applied.map((r) => r.name)).toEqual([
        'CreateConsoleSchema1766000000000',
        'CreateSessions1766000001000',
        'CreateReplayAudit1766000002000',
      ]);
    } finally {
      await client.end();
    }
  });

  it('applies nothing the second time', async () => {
    const again = await migrateAll(database.url);
    expect(Object.values(again).flat()).toEqual([]);
  });
});
