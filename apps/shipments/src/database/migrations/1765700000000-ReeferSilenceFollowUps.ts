import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A perishable's reefer watch (`reefer_silent`, apps/shipments/src/follow-up/reefer-silence.ts) is a follow-up too. */
export class ReeferSilenceFollowUps1765700000000 implements MigrationInterface {
  name = 'ReeferSilenceFollowUps1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "shipments".follow_ups DROP CONSTRAINT follow_ups_kind_check`);
    await queryRunner.query(
      `ALTER TABLE "shipments".follow_ups ADD CONSTRAINT follow_ups_kind_check
         CHECK (kind IN ('leg_overdue', 'shelf_life', 'reefer_silent'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "shipments".follow_ups WHERE kind = 'reefer_silent'`);
    await queryRunner.query(`ALTER TABLE "shipments".follow_ups DROP CONSTRAINT follow_ups_kind_check`);
    await queryRunner.query(
      `ALTER TABLE "shipments".follow_ups ADD CONSTRAINT follow_ups_kind_check
         CHECK (kind IN ('leg_overdue', 'shelf_life'))`,
    );
  }
}
