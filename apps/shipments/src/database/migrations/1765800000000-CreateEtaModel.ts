import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The predicted-ETA model (apps/shipments/src/eta): per segment (a corridor leg's travel, a crossing's
 * dwell) and season, the count, mean and M2 of log hours observed; and on each shipment the prediction
 * last published, so a restart or a replayed event does not publish it again.
 */
export class CreateEtaModel1765800000000 implements MigrationInterface {
  name = 'CreateEtaModel1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "shipments".eta_segments (
        segment    text NOT NULL,
        season     text NOT NULL,
        n          integer NOT NULL CHECK (n > 0),
        mean_log   double precision NOT NULL,
        m2_log     double precision NOT NULL CHECK (m2_log >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (segment, season)
      )`);
    await queryRunner.query('ALTER TABLE "shipments".shipments ADD COLUMN eta_prediction jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "shipments".shipments DROP COLUMN eta_prediction');
    await queryRunner.query('DROP TABLE "shipments".eta_segments');
  }
}
