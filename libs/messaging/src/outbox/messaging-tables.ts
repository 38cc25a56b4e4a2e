import type { QueryRunner } from 'typeorm';

/** The channel the outbox trigger notifies on commit; the relay LISTENs on it. */
export function outboxChannel(schema: string): string {
  return `outbox_${schema}`;
}

/**
 * Creates a service's `outbox` (events waiting for Kafka, written in the same transaction as the
 * state change) and `inbox` (processed `ce_id`s per consumer, written with the effect). Called from
 * each app's own migration, so the tables live in the app's schema and migrations table.
 */
export async function createMessagingTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  const s = `"${schema}"`;
  await queryRunner.query(`
    CREATE TABLE ${s}.outbox (
      seq          bigserial PRIMARY KEY,
      event_id     uuid NOT NULL UNIQUE,
      topic        text NOT NULL,
      event_type   text NOT NULL,
      source       text NOT NULL,
      subject      text NOT NULL,
      occurred_at  timestamptz NOT NULL,
      traceparent  text,
      payload      jsonb NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      claimed_at   timestamptz,
      published_at timestamptz,
      attempts     integer NOT NULL DEFAULT 0,
      last_error   text
    )`);
  await queryRunner.query(`CREATE INDEX outbox_pending ON ${s}.outbox (seq) WHERE published_at IS NULL`);
  await queryRunner.query(`CREATE INDEX outbox_published ON ${s}.outbox (published_at) WHERE published_at IS NOT NULL`);
  // A statement-level trigger: one NOTIFY per insert statement, delivered when the transaction commits.
  await queryRunner.query(`
    CREATE FUNCTION ${s}.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${outboxChannel(schema)}', '');
      RETURN NULL;
    END $$`);
  await queryRunner.query(
    `CREATE TRIGGER outbox_notify AFTER INSERT ON ${s}.outbox FOR EACH STATEMENT EXECUTE FUNCTION ${s}.outbox_notify()`,
  );
  await queryRunner.query(`
    CREATE TABLE ${s}.inbox (
      consumer     text NOT NULL,
      event_id     uuid NOT NULL,
      event_type   text NOT NULL,
      topic        text NOT NULL,
      partition    integer NOT NULL,
      "offset"     bigint NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
  await queryRunner.query(`CREATE INDEX inbox_processed_at ON ${s}.inbox (processed_at)`);
}

export async function dropMessagingTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".inbox`);
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".outbox`);
  await queryRunner.query(`DROP FUNCTION IF EXISTS "${schema}".outbox_notify()`);
}
