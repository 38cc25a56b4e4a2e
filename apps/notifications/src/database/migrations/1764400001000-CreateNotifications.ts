import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotifications1764400001000 implements MigrationInterface {
  name = 'CreateNotifications1764400001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "notifications".notifications (
        id              uuid PRIMARY KEY,
        shipper_id      text NOT NULL,
        shipment_id     uuid NOT NULL,
        source_event_id uuid NOT NULL,
        event_type      text NOT NULL,
        channel         text NOT NULL,
        message         text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX notifications_shipment ON "notifications".notifications (shipment_id)');
    await queryRunner.query(
      'CREATE INDEX notifications_shipper ON "notifications".notifications (shipper_id, created_at DESC)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "notifications".notifications');
  }
}
