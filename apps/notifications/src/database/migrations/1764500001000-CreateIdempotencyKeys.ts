import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIdempotencyTable, dropIdempotencyTable } from '@lib/http';

export class CreateIdempotencyKeys1764500001000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764500001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createIdempotencyTable(queryRunner, 'notifications');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropIdempotencyTable(queryRunner, 'notifications');
  }
}
