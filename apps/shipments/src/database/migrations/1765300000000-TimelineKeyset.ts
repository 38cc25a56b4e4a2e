import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The timeline is paged by (occurred_at, accepted_at, id) per shipment; this index serves both directions and
 * replaces the narrower one.
 */
export class TimelineKeyset1765300000000 implements MigrationInterface {
  name = 'TimelineKeyset1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX shipment_events_keyset ON "shipments".shipment_events (shipment_id, occurred_at, accepted_at, id)',
    );
    await queryRunner.query('DROP INDEX "shipments".shipment_events_timeline');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX shipment_events_timeline ON "shipments".shipment_events (shipment_id, occurred_at)',
    );
    await queryRunner.query('DROP INDEX "shipments".shipment_events_keyset');
  }
}
