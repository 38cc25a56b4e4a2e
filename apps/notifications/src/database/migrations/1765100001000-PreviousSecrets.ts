import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every rotated-out signing secret keeps signing until its own promised expiry: a list of previous
 * secrets (sealed, each with `until`) instead of one, which a second rotation overwrote early.
 * `previous_secret_until` stays as the latest of those expiries (what the API shows).
 */
export class PreviousSecrets1765100001000 implements MigrationInterface {
  name = 'PreviousSecrets1765100001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notifications".subscriptions ADD COLUMN previous_secrets jsonb NOT NULL DEFAULT '[]'`,
    );
    await queryRunner.query(`
      UPDATE "notifications".subscriptions
         SET previous_secrets =
               jsonb_build_array(jsonb_build_object('secret', previous_secret, 'until', previous_secret_until))
       WHERE previous_secret IS NOT NULL AND previous_secret_until IS NOT NULL`);
    await queryRunner.query('ALTER TABLE "notifications".subscriptions DROP COLUMN previous_secret');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "notifications".subscriptions ADD COLUMN previous_secret text');
    // The one that expires last is what a single column can keep.
    await queryRunner.query(`
      UPDATE "notifications".subscriptions s
         SET previous_secret = (SELECT p->>'secret' FROM jsonb_array_elements(s.previous_secrets) p
                                 ORDER BY (p->>'until')::timestamptz DESC LIMIT 1)`);
    await queryRunner.query('ALTER TABLE "notifications".subscriptions DROP COLUMN previous_secrets');
  }
}
