/** Anything that runs a query: a TypeORM DataSource or EntityManager. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<{ pending: number; age: string | null }[]>;
}

export interface OutboxBacklog {
  /** Rows not yet published. */
  pending: number;
  /** Age of the oldest of them, or null when there is none. */
  oldestPendingAgeMs: number | null;
}

/** A service's outbox backlog: what the relay reports as its status, and what the operator console shows. */
export async function outboxBacklog(db: Queryable, schema: string): Promise<OutboxBacklog> {
  const [row] = await db.query(
    `SELECT count(*)::int AS pending, (extract(epoch FROM now() - min(created_at)) * 1000)::bigint AS age
       FROM "${schema}".outbox WHERE published_at IS NULL`,
  );
  return { pending: row.pending, oldestPendingAgeMs: row.age === null ? null : Number(row.age) };
}
