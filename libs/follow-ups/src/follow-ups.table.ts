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
      leg_sequence integer,
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
