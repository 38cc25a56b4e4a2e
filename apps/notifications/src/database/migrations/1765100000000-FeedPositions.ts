import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feed notifications get their feed position (`feed_seq`) after they commit, in commit order (the
 * FeedSequencer), instead of streaming by `seq`, which is taken at insert: consumers commit concurrently,
 * so a row with a lower `seq` could become visible after a reader had moved past it.
 * Existing feed rows keep their `seq` as position, so Last-Event-IDs already handed out stay meaningful.
 */
export class FeedPositions1765100000000 implements MigrationInterface {
  name = 'FeedPositions1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "notifications".notifications ADD COLUMN feed_seq bigint');
    await queryRunner.query(
      'CREATE SEQUENCE "notifications".notifications_feed_seq_seq OWNED BY "notifications".notifications.feed_seq',
    );
    await queryRunner.query(`UPDATE "notifications".notifications SET feed_seq = seq WHERE channel = 'feed'`);
    await queryRunner.query(
      `SELECT setval('"notifications".notifications_feed_seq_seq', max(feed_seq))
         FROM "notifications".notifications HAVING max(feed_seq) IS NOT NULL`,
    );
    await queryRunner.query('CREATE UNIQUE INDEX notifications_feed_seq ON "notifications".notifications (feed_seq)');
    // Streams page by (shipper, position); the sequencer finds what is still to be numbered, in seq order.
    await queryRunner.query('DROP INDEX "notifications".notifications_feed');
    await queryRunner.query(
      `CREATE INDEX notifications_feed ON "notifications".notifications (shipper_id, feed_seq) WHERE channel = 'feed'`,
    );
    await queryRunner.query(
      `CREATE INDEX notifications_feed_unnumbered ON "notifications".notifications (seq)
         WHERE channel = 'feed' AND feed_seq IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP INDEX "notifications".notifications_feed_unnumbered, ' +
        '"notifications".notifications_feed, "notifications".notifications_feed_seq',
    );
    await queryRunner.query('ALTER TABLE "notifications".notifications DROP COLUMN feed_seq');
    await queryRunner.query(
      `CREATE INDEX notifications_feed ON "notifications".notifications (shipper_id, seq) WHERE channel = 'feed'`,
    );
  }
}
