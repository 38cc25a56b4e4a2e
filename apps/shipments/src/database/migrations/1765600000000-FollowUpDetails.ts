import type { MigrationInterface, QueryRunner } from 'typeorm';
import { moveFollowUpColumnToDetails, moveFollowUpDetailsToColumn } from '@lib/follow-ups';

/**
 * Follow-ups keep the app's own details as JSON (the library knows no legs):
 * a leg-overdue check's leg moves there.
 */
export class FollowUpDetails1765600000000 implements MigrationInterface {
  name = 'FollowUpDetails1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await moveFollowUpColumnToDetails(queryRunner, { schema: 'shipments', column: 'leg_sequence', key: 'legSequence' });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await moveFollowUpDetailsToColumn(queryRunner, { schema: 'shipments', column: 'leg_sequence', key: 'legSequence' });
  }
}
