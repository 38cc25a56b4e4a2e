import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateShipments1764400001000 implements MigrationInterface {
  name = 'CreateShipments1764400001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "shipments".shipments (
        id              uuid PRIMARY KEY,
        tracking_number text NOT NULL UNIQUE,
        shipper_id      text NOT NULL,
        consignee       text,
        corridor        text,
        status          text NOT NULL,
        cargo           jsonb NOT NULL,
        legs            jsonb NOT NULL,
        booked_at       timestamptz NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX shipments_shipper ON "shipments".shipments (shipper_id, booked_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "shipments".shipments');
  }
}
