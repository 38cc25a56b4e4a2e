import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subscriptions (webhook endpoints, email addresses), notifications as deliveries with their state
 * (pending → delivered | failed) and every attempt. The feed is a channel too: one row per event.
 */
export class CreateSubscriptionsAndDeliveries1764800000000 implements MigrationInterface {
  name = 'CreateSubscriptionsAndDeliveries1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "notifications".subscriptions (
        id                  uuid PRIMARY KEY,
        shipper_id          text NOT NULL,
        channel             text NOT NULL CHECK (channel IN ('webhook', 'email')),
        url                 text,
        email               text,
        description         text,
        event_types         text[] NOT NULL DEFAULT '{*}',
        enabled             boolean NOT NULL DEFAULT true,
        disabled_reason     text,
        -- Signing secrets, sealed with WEBHOOK_SECRET_KEY (AES-256-GCM): they must be usable to sign, so not hashed.
        secret              text,
        previous_secret     text,
        previous_secret_until timestamptz,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CHECK ((channel = 'webhook' AND url IS NOT NULL AND secret IS NOT NULL)
               OR (channel = 'email' AND email IS NOT NULL))
      )`);
    await queryRunner.query(
      'CREATE INDEX subscriptions_shipper ON "notifications".subscriptions (shipper_id) WHERE enabled',
    );

    await queryRunner.query(`
      ALTER TABLE "notifications".notifications
        ADD COLUMN seq             bigserial,
        ADD COLUMN subscription_id uuid REFERENCES "notifications".subscriptions(id) ON DELETE SET NULL,
        ADD COLUMN target          text NOT NULL DEFAULT 'feed',
        ADD COLUMN title           text NOT NULL DEFAULT '',
        ADD COLUMN data            jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN occurred_at     timestamptz,
        ADD COLUMN status          text NOT NULL DEFAULT 'delivered'
                                   CHECK (status IN ('pending', 'delivered', 'failed')),
        ADD COLUMN round           integer NOT NULL DEFAULT 0,
        ADD COLUMN attempts        integer NOT NULL DEFAULT 0,
        ADD COLUMN next_attempt_at timestamptz,
        ADD COLUMN delivered_at    timestamptz,
        ADD COLUMN last_error      text`);
    // One notification per event per channel target (a subscription, or the shipper's feed), whatever Kafka redelivers.
    await queryRunner.query(
      'CREATE UNIQUE INDEX notifications_once ON "notifications".notifications (source_event_id, target)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX notifications_seq ON "notifications".notifications (seq)');
    await queryRunner.query(
      `CREATE INDEX notifications_feed ON "notifications".notifications (shipper_id, seq) WHERE channel = 'feed'`,
    );
    await queryRunner.query(
      `CREATE INDEX notifications_pending ON "notifications".notifications (next_attempt_at) WHERE status = 'pending'`,
    );

    // What the service remembers of each booking to name the cargo in messages ("Kinnow shipment KZPK-…").
    await queryRunner.query(`
      CREATE TABLE "notifications".shipments (
        shipment_id     uuid PRIMARY KEY,
        shipper_id      text NOT NULL,
        tracking_number text NOT NULL,
        commodity       text NOT NULL
      )`);

    await queryRunner.query(`
      CREATE TABLE "notifications".delivery_attempts (
        id              bigserial PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES "notifications".notifications(id) ON DELETE CASCADE,
        round           integer NOT NULL,
        attempt         integer NOT NULL,
        outcome         text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'refused', 'gone')),
        status_code     integer,
        latency_ms      integer NOT NULL,
        error           text,
        at              timestamptz NOT NULL DEFAULT now(),
        UNIQUE (notification_id, round, attempt)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "notifications".delivery_attempts');
    await queryRunner.query('DROP TABLE "notifications".shipments');
    await queryRunner.query(
      'DROP INDEX "notifications".notifications_once, "notifications".notifications_seq, ' +
        '"notifications".notifications_feed, "notifications".notifications_pending',
    );
    await queryRunner.query(`ALTER TABLE "notifications".notifications
      DROP COLUMN seq, DROP COLUMN subscription_id, DROP COLUMN target, DROP COLUMN title,
      DROP COLUMN data, DROP COLUMN occurred_at, DROP COLUMN status, DROP COLUMN round, DROP COLUMN attempts,
      DROP COLUMN next_attempt_at, DROP COLUMN delivered_at, DROP COLUMN last_error`);
    await queryRunner.query('DROP TABLE "notifications".subscriptions');
  }
}
