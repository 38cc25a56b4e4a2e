import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCustomsSchema1764300000000 implements MigrationInterface {
  name = 'CreateCustomsSchema1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SCHEMA IF NOT EXISTS "customs"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SCHEMA IF EXISTS "customs" CASCADE');
  }
}
