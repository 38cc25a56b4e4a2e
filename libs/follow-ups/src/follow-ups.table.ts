import type { QueryRunner } from 'typeorm';

export interface FollowUpsTable {
  schema: string;
  /** `"schema".table(id)` the subject belongs to, when there is one to reference. */
  subjectReferences?: string;
  kinds: string[];
}

/** The durable truth of every scheduled follow-up: BullMQ jobs are rebuilt from here (Redis keeps nothing). */
export async function createFollowUpsTable(runner: QueryRunner, table: FollowUpsTable): Promise<void> {
  const references = table.subjectReferences ? ` REFERENCES ${table.subjectReferences}` : '';
  const kinds = table.kinds.map((k) => `'${k}'`).join(', ');
  await runner.query(`
    CREATE TABLE "${table.schema}".follow_ups (
      id           text PRIMARY KEY,
      subject_id   uuid NOT NULL${references},
      kind         text NOT NULL CHECK (kind IN (${kinds})),
      details      jsonb,
      due_at       timestamptz NOT NULL,
      state        text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
      outcome      text,
      created_at   timestamptz NOT NULL DEFAULT now(),
      done_at      timestamptz
    )`);
  await runner.query(
    `CREATE INDEX follow_ups_pending ON "${table.schema}".follow_ups (due_at) WHERE state = 'pending'`,
  );
}

/**
 * For a `follow_ups` table from before it was generic: moves the app's own column into `details`
 * under `key` (a null stays null). A table that has `details` already and no such column is left as it is.
 */
export async function moveFollowUpColumnToDetails(
  runner: QueryRunner,
  table: { schema: string; column: string; key: string },
): Promise<void> {
  const { schema, column, key } = table;
  await runner.query(`ALTER TABLE "${schema}".follow_ups ADD COLUMN IF NOT EXISTS details jsonb`);
  const [{ present }] = (await runner.query(
    `SELECT EXISTS (SELECT 1 FROM information_schema.columns
       WHERE table_schema = $1 AND table_name = 'follow_ups' AND column_name = $2) AS present`,
    [schema, column],
  )) as { present: boolean }[];
  if (!present) return;
  await runner.query(
    `UPDATE "${schema}".follow_ups SET details = jsonb_build_object($1::text, "${column}")
       WHERE "${column}" IS NOT NULL`,
    [key],
  );
  await runner.query(`ALTER TABLE "${schema}".follow_ups DROP COLUMN "${column}"`);
}

/** The way back: `details ->> key` into the app's own integer column again. */
export async function moveFollowUpDetailsToColumn(
  runner: QueryRunner,
  table: { schema: string; column: string; key: string },
): Promise<void> {
  const { schema, column, key } = table;
  await runner.query(`ALTER TABLE "${schema}".follow_ups ADD COLUMN "${column}" integer`);
  await runner.query(`UPDATE "${schema}".follow_ups SET "${column}" = (details ->> $1::text)::integer`, [key]);
  await runner.query(`ALTER TABLE "${schema}".follow_ups DROP COLUMN details`);
}
