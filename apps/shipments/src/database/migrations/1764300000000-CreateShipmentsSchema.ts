import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateShipmentsSchema1764300000000 implements MigrationInterface {
  name = 'CreateShipmentsSchema1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SCHEMA IF NOT EXISTS "shipments"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SCHEMA IF EXISTS "shipments" CASCADE');
  }
}
