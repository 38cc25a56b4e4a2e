import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operators' sign-in sessions. The cookie holds a 256-bit random token; only its SHA-256 is stored,
 * so a copy of this table signs nobody in. The key id is kept to re-check the key (revoked keys end
 * their sessions), never its secret.
 */
export class CreateSessions1766000001000 implements MigrationInterface {
  name = 'CreateSessions1766000001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE console.sessions (
        token_hash  bytea PRIMARY KEY,
        key_id      text NOT NULL,
        tenant_id   text NOT NULL,
        tenant_name text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX sessions_expires_at ON console.sessions (expires_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE console.sessions');
  }
}
