import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The legs' places of a booking (sequence, from, to), so events that name no place (an ETA, a delay, a
 * silent reefer, shelf life) print their times in the zone of the place they concern, not UTC; and, on
 * each notification, the language it was written in and the facts under its sentence, so an email
 * retried after the subscription's language changed still says what the stored row says. Shipments
 * booked before keep no legs (UTC, as before); notifications written before are English, facts unknown.
 */
export class ShipmentPlacesAndRenderedLanguage1766300000001 implements MigrationInterface {
  name = 'ShipmentPlacesAndRenderedLanguage1766300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications".shipments ADD COLUMN legs jsonb`);
    await queryRunner.query(`
      ALTER TABLE "notifications".notifications
        ADD COLUMN language text NOT NULL DEFAULT 'en',
        ADD COLUMN facts jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "notifications".notifications DROP COLUMN facts, DROP COLUMN language');
    await queryRunner.query('ALTER TABLE "notifications".shipments DROP COLUMN legs');
  }
}
