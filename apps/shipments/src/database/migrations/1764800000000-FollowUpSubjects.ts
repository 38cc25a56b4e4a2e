import type { MigrationInterface, QueryRunner } from 'typeorm';

/** follow_ups moved to the shared @lib/follow-ups machinery, whose rows name a subject (here: the shipment). */
export class FollowUpSubjects1764800000000 implements MigrationInterface {
  name = 'FollowUpSubjects1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "shipments".follow_ups RENAME COLUMN shipment_id TO subject_id');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "shipments".follow_ups RENAME COLUMN subject_id TO shipment_id');
  }
}
