import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotificationsSchema1764300000000 implements MigrationInterface {
  name = 'CreateNotificationsSchema1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SCHEMA IF NOT EXISTS "notifications"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SCHEMA IF EXISTS "notifications" CASCADE');
  }
}
