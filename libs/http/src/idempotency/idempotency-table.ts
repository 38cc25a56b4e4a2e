import type { QueryRunner } from 'typeorm';

/** The stored first answers for `Idempotency-Key` requests, in the service's own schema (called from its migration). */
export async function createIdempotencyTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}".idempotency_keys (
      caller          text NOT NULL,
      key             text NOT NULL,
      request_hash    text NOT NULL,
      state           text NOT NULL CHECK (state IN ('in_flight', 'done')),
      response_status integer,
      response_body   jsonb,
      created_at      timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (caller, key)
    )`);
  await queryRunner.query(`CREATE INDEX idempotency_keys_created ON "${schema}".idempotency_keys (created_at)`);
}

export async function dropIdempotencyTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".idempotency_keys`);
}
