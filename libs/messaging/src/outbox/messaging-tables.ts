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

/**
 * The outbox trigger NOTIFYs only while the relay sleeps. A NOTIFY costs every writer's commit a
 * cluster-wide lock (Postgres serialises the commits of notifying transactions), which capped the
 * carrier write set at a fraction of what Postgres does without it; a relay that is awake finds the
 * rows by itself. `outbox_relay.asleep` says whether it sleeps. A writer reads it under a shared
 * transaction-level advisory lock (`outboxWakeLock`), and the relay, going to sleep, says so and
 * takes that lock exclusively without waiting (`pg_try_advisory_xact_lock`) in the same transaction:
 * if it gets it, no writer is between reading "awake" and committing, so every row it cannot see yet
 * will NOTIFY; if it does not, it sleeps only a moment. See OutboxRelay.
 *
 * Rolling the code back to a relay that knows no flag needs this migration's `down` first (a relay
 * stepping down leaves the flag at asleep, so writers NOTIFY, but one that crashed leaves it awake).
 */
export async function createRelayWake(queryRunner: QueryRunner, schema: string): Promise<void> {
  const s = `"${schema}"`;
  await queryRunner.query(`
    CREATE TABLE ${s}.outbox_relay (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      asleep    boolean NOT NULL DEFAULT true
    )`);
  await queryRunner.query(`INSERT INTO ${s}.outbox_relay DEFAULT VALUES`);
  await queryRunner.query(`
    CREATE OR REPLACE FUNCTION ${s}.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(${outboxWakeLock(schema)});
      -- Above READ COMMITTED the flag would be read from the transaction's first snapshot, which may
      -- predate the relay falling asleep: such a writer always NOTIFYs.
      IF current_setting('transaction_isolation') <> 'read committed' OR (SELECT asleep FROM ${s}.outbox_relay) THEN
        PERFORM pg_notify('${outboxChannel(schema)}', '');
      END IF;
      RETURN NULL;
    END $$`);
}

/** Undoes createRelayWake: the trigger NOTIFYs on every insert again. */
export async function dropRelayWake(queryRunner: QueryRunner, schema: string): Promise<void> {
  const s = `"${schema}"`;
  await queryRunner.query(`
    CREATE OR REPLACE FUNCTION ${s}.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${outboxChannel(schema)}', '');
      RETURN NULL;
    END $$`);
  await queryRunner.query(`DROP TABLE IF EXISTS ${s}.outbox_relay`);
}

/**
 * The arguments of the advisory lock between outbox writers (shared) and the relay going to sleep
 * (exclusive): the two-int form, so it never meets a one-bigint advisory lock of the same hash.
 */
export function outboxWakeLock(schema: string): string {
  return `hashtext('outbox-wake'), hashtext('${schema}')`;
}

export async function dropMessagingTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".outbox_relay`);
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".inbox`);
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".outbox`);
  await queryRunner.query(`DROP FUNCTION IF EXISTS "${schema}".outbox_notify()`);
}
