import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language a subscription's notifications are written in (en, ur, ru, kk). Existing subscriptions
 * were written to in English, so they keep it.
 */
export class SubscriptionLanguage1766300000000 implements MigrationInterface {
  name = 'SubscriptionLanguage1766300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "notifications".subscriptions
        ADD COLUMN language text NOT NULL DEFAULT 'en'
        CONSTRAINT subscriptions_language_check CHECK (language IN ('en', 'ur', 'ru', 'kk'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "notifications".subscriptions DROP COLUMN language');
  }
}
