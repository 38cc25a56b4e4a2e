import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who replayed which dead letters, when, and how it went: one row per replay an operator confirmed
 * in the console. The operator is the session's key id and tenant name (never a secret).
 */
export class CreateReplayAudit1766000002000 implements MigrationInterface {
  name = 'CreateReplayAudit1766000002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE console.replay_audit (
        id          bigserial PRIMARY KEY,
        at          timestamptz NOT NULL DEFAULT now(),
        key_id      text NOT NULL,
        tenant_name text NOT NULL,
        action      text NOT NULL,
        refs        text[] NOT NULL,
        outcome     text NOT NULL,
        detail      text NOT NULL DEFAULT ''
      )`);
    await queryRunner.query('CREATE INDEX replay_audit_at ON console.replay_audit (at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE console.replay_audit');
  }
}
