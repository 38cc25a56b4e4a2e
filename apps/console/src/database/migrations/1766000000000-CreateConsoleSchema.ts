import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateConsoleSchema1766000000000 implements MigrationInterface {
  name = 'CreateConsoleSchema1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SCHEMA IF NOT EXISTS "console"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SCHEMA IF EXISTS "console" CASCADE');
  }
}
