import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The declarations list filters visibility in SQL (a shipper or broker by shipper, an officer by
 * crossing, an operator all) and pages newest first: an index per access path in that order.
 */
export class DeclarationListKeyset1765300000000 implements MigrationInterface {
  name = 'DeclarationListKeyset1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX declarations_by_shipper ON "customs".declarations (shipper_id, created_at DESC, shipment_id DESC)',
    );
    await queryRunner.query(
      'CREATE INDEX declarations_by_crossing ON "customs".declarations (crossing, created_at DESC, shipment_id DESC)',
    );
    await queryRunner.query(
      'CREATE INDEX declarations_newest ON "customs".declarations (created_at DESC, shipment_id DESC)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "customs".declarations_newest');
    await queryRunner.query('DROP INDEX "customs".declarations_by_crossing');
    await queryRunner.query('DROP INDEX "customs".declarations_by_shipper');
  }
}
