import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The id of the transaction that wrote each event and each booking, for the DCSA feed (dcsa.service.ts):
 * paged by (tx, id) and served below the oldest running transaction, a poller's cursor never passes a row
 * that commits later. A timestamp cannot promise that. The indexes keep a page an index range scan.
 */
export class FeedCommitOrder1766200000000 implements MigrationInterface {
  name = 'FeedCommitOrder1766200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['shipment_events', 'shipments']) {
      await queryRunner.query(
        `ALTER TABLE "shipments".${table} ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id()`,
      );
      await queryRunner.query(`CREATE INDEX ${table}_feed ON "shipments".${table} (tx, id)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['shipment_events', 'shipments']) {
      await queryRunner.query(`DROP INDEX "shipments".${table}_feed`);
      await queryRunner.query(`ALTER TABLE "shipments".${table} DROP COLUMN tx`);
    }
  }
}
