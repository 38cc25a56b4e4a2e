import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@lib/testing';
import { migrations } from '../src/database/migrations';
import { ShipmentDocuments1765900000000 } from '../src/database/migrations/1765900000000-ShipmentDocuments';

/**
 * The backfill of 1765900000000-ShipmentDocuments on a database with declarations from before it: documents move
 * to the shipment; only declarations not yet at their crossing gain the types they lack, and nothing replaces a
 * paper a declaration holds. `down` undoes it.
 */
describe('migration ShipmentDocuments: backfill', () => {
  let database: TestDatabase;
  let client: Client;
  /** Enough of a QueryRunner for migrations: `query` answers the rows, as TypeORM's does for a SELECT. */
  const runner = () =>
    ({ query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows }) as QueryRunner;
  const shipmentId = randomUUID();
  const ids = { karachi: randomUUID(), torkham: randomUUID(), hairatan: randomUUID(), closed: randomUUID() };
  const doc = (type: string, reference: string, attachedAt: string) => ({
    type,
    reference,
    issuer: 'issuer',
    attachedAt,
    attachedBy: 'broker',
  });

  beforeAll(async () => {
    database = await createTestDatabase('customs-docs-migration');
    client = new Client({ connectionString: database.url });
    await client.connect();
    const before = migrations.slice(0, migrations.indexOf(ShipmentDocuments1765900000000));
    for (const Migration of before) await new Migration().up(runner());
    const insert = (id: string, leg: number, status: string, required: string[], documents: object[]) =>
      client.query(
        `INSERT INTO "customs".declarations
           (id, shipment_id, shipper_id, crossing, status, source_event_id, leg_sequence, required_documents, documents)
         VALUES ($1, $2, 'shipper', $3, $4, $5, $6, $7, $8)`,
        [id, shipmentId, `crossing-${leg}`, status, randomUUID(), leg, required, JSON.stringify(documents)],
      );
    const both = ['commercial_invoice', 'packing_list'];
    // Karachi was cleared on the old invoice; Torkham holds the cargo on a newer one; Hairatan has only a packing
    // list of its own, older than Karachi's; a closed one is left alone.
    await insert(ids.karachi, 1, 'CLEARED', both, [
      doc('commercial_invoice', 'INV-1', '2026-12-01T09:00:00.000Z'),
      doc('packing_list', 'PL-1', '2026-12-01T09:00:00.000Z'),
    ]);
    await insert(ids.torkham, 2, 'HELD', both, [doc('commercial_invoice', 'INV-2', '2026-12-02T09:00:00.000Z')]);
    await insert(ids.hairatan, 3, 'PENDING', both, [doc('packing_list', 'PL-0', '2026-11-30T09:00:00.000Z')]);
    await insert(ids.closed, 4, 'CLOSED', both, []);
    await new ShipmentDocuments1765900000000().up(runner());
  }, 60_000);

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  const references = async (id: string) =>
    (
      await client.query<{ refs: string[] }>(
        `SELECT array(SELECT d->>'reference' FROM jsonb_array_elements(documents) d ORDER BY d->>'type') AS refs
           FROM "customs".declarations WHERE id = $1`,
        [id],
      )
    ).rows[0].refs;

  it('files every paper once for the shipment, the newest of each type current', async () => {
    const { rows } = await client.query(
      `SELECT type, reference, replaced_at IS NOT NULL AS replaced, crossing FROM "customs".shipment_documents
        ORDER BY type, attached_at`,
    );
    expect(rows).toEqual([
      { type: 'commercial_invoice', reference: 'INV-1', replaced: true, crossing: null },
      { type: 'commercial_invoice', reference: 'INV-2', replaced: false, crossing: null },
      { type: 'packing_list', reference: 'PL-0', replaced: true, crossing: null },
      { type: 'packing_list', reference: 'PL-1', replaced: false, crossing: null },
    ]);
  });

  it('adds missing types to a pending declaration only, and replaces nothing anywhere', async () => {
    expect(await references(ids.hairatan)).toEqual(['INV-2', 'PL-0']);
    expect(await references(ids.torkham)).toEqual(['INV-2']);
    expect(await references(ids.karachi)).toEqual(['INV-1', 'PL-1']);
    expect(await references(ids.closed)).toEqual([]);
  });

  it('goes down cleanly', async () => {
    await new ShipmentDocuments1765900000000().down(runner());
    const { rows } = await client.query(`SELECT to_regclass('"customs".shipment_documents') AS t`);
    expect(rows[0].t).toBeNull();
    const columns = await client.query(
      `SELECT 1 FROM information_schema.columns
        WHERE table_schema = 'customs' AND column_name = 'document_requirements'`,
    );
    expect(columns.rows).toHaveLength(0);
  });
});
