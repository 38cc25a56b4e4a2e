import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DeclarationsPerCrossing1764700000000 implements MigrationInterface {
  name = 'DeclarationsPerCrossing1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "customs".declarations
        ADD COLUMN leg_sequence       integer,
        ADD COLUMN required_documents text[] NOT NULL DEFAULT '{}',
        ADD COLUMN documents          jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN cargo              jsonb,
        ADD COLUMN reason             text,
        ADD COLUMN updated_at         timestamptz NOT NULL DEFAULT now()`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX declarations_per_leg ON "customs".declarations (shipment_id, leg_sequence)',
    );
    await queryRunner.query('CREATE INDEX declarations_queue ON "customs".declarations (crossing, status, created_at)');
    await queryRunner.query(`
      CREATE TABLE "customs".declaration_history (
        id             bigserial PRIMARY KEY,
        declaration_id uuid NOT NULL REFERENCES "customs".declarations(id),
        from_status    text,
        to_status      text NOT NULL,
        actor          text NOT NULL,
        reason         text,
        at             timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX declaration_history_of ON "customs".declaration_history (declaration_id, id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "customs".declaration_history');
    await queryRunner.query('DROP INDEX "customs".declarations_per_leg');
    await queryRunner.query('DROP INDEX "customs".declarations_queue');
    await queryRunner.query(
      'ALTER TABLE "customs".declarations DROP COLUMN leg_sequence, DROP COLUMN required_documents, ' +
        'DROP COLUMN documents, DROP COLUMN cargo, DROP COLUMN reason, DROP COLUMN updated_at',
    );
  }
}
