import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDeclarations1764400001000 implements MigrationInterface {
  name = 'CreateDeclarations1764400001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "customs".declarations (
        id              uuid PRIMARY KEY,
        shipment_id     uuid NOT NULL,
        shipper_id      text NOT NULL,
        crossing        text,
        status          text NOT NULL,
        source_event_id uuid NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX declarations_shipment ON "customs".declarations (shipment_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "customs".declarations');
  }
}
