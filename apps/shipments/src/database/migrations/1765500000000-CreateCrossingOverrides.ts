import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Operators' closures and openings of crossings, set at run time over the seasonal calendar. */
export class CreateCrossingOverrides1765500000000 implements MigrationInterface {
  name = 'CreateCrossingOverrides1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "shipments".crossing_overrides (
        id uuid PRIMARY KEY,
        crossing text NOT NULL,
        open boolean NOT NULL,
        reason text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz,
        set_by text NOT NULL,
        requested_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        lifted_at timestamptz,
        lifted_by text,
        lift_requested_by text,
        CHECK (ends_at IS NULL OR ends_at > starts_at)
      )`);
    // Booking reads the overrides still in force on every booking: a handful of rows.
    await queryRunner.query(
      'CREATE INDEX crossing_overrides_in_force ON "shipments".crossing_overrides (crossing, starts_at) ' +
        'WHERE lifted_at IS NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "shipments".crossing_overrides');
  }
}
