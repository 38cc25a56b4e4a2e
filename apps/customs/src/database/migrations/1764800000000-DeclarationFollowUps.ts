import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createFollowUpsTable } from '@lib/follow-ups';

/**
 * Clearance deadlines and document reminders: when cargo is expected, when it arrived, when its SLA runs out, and
 * their follow-ups.
 */
export class DeclarationFollowUps1764800000000 implements MigrationInterface {
  name = 'DeclarationFollowUps1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "customs".declarations ADD COLUMN expected_at timestamptz, ADD COLUMN arrived_at timestamptz,
         ADD COLUMN clearance_due_at timestamptz`,
    );
    await createFollowUpsTable(queryRunner, {
      schema: 'customs',
      subjectReferences: '"customs".declarations(id)',
      kinds: ['clearance_sla', 'documents_reminder'],
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "customs".follow_ups');
    await queryRunner.query(
      `ALTER TABLE "customs".declarations
         DROP COLUMN expected_at, DROP COLUMN arrived_at, DROP COLUMN clearance_due_at`,
    );
  }
}
