import type { DataSource, EntityManager } from 'typeorm';

export interface StoredAnswer {
  requestHash: string;
  status: number;
  body: unknown;
}

/** Seals stored answers that may hold a secret (a webhook's signing secret) and opens them to replay. */
export interface AnswerSealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** Keys are kept 24 h (CONVENTIONS.md). */
export const KEY_RETENTION = '24 hours';

/**
 * Idempotency keys per caller in one service schema. Every method but `prune` runs in the request's
 * transaction — the one the service's effect commits in — so the answer is stored if and only if the
 * effect happened: a crash at any moment leaves both or neither.
 */
export class IdempotencyStore {
  private readonly table: string;

  constructor(
    private readonly schema: string,
    private readonly sealer?: AnswerSealer,
  ) {
    this.table = `"${schema}".idempotency_keys`;
  }

  /** What the advisory lock of (caller, key) is named; held by the request in flight until it commits or rolls back. */
  lockName(caller: string, key: string): string {
    return `idempotency:${this.schema}:${caller}:${key}`;
  }

  /** Takes (caller, key) for this transaction, or answers false while another request holds it. */
  async tryLock(manager: EntityManager, caller: string, key: string): Promise<boolean> {
    const [row]: { locked: boolean }[] = await manager.query(
      'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked',
      [this.lockName(caller, key)],
    );
    return row.locked;
  }

  /** The stored answer for (caller, key), unless it has expired. */
  async find(manager: EntityManager, caller: string, key: string): Promise<StoredAnswer | undefined> {
    const [row]: { request_hash: string; response_status: number; response_body: unknown }[] = await manager.query(
      `SELECT request_hash, response_status, response_body FROM ${this.table}
        WHERE caller = $1 AND key = $2 AND state = 'done' AND created_at >= now() - interval '${KEY_RETENTION}'`,
      [caller, key],
    );
    if (!row) return undefined;
    return { requestHash: row.request_hash, status: row.response_status, body: this.opened(row.response_body) };
  }

  /** Stores the answer beside the effect (an expired row for the same key is replaced). */
  async save(
    manager: EntityManager,
    caller: string,
    key: string,
    requestHash: string,
    status: number,
    body: unknown,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table} AS k (caller, key, request_hash, state, response_status, response_body)
       VALUES ($1, $2, $3, 'done', $4, $5)
       ON CONFLICT (caller, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, state = 'done',
             response_status = EXCLUDED.response_status, response_body = EXCLUDED.response_body, created_at = now()`,
      [caller, key, requestHash, status, JSON.stringify(this.sealed(body ?? null))],
    );
  }

  async prune(dataSource: DataSource): Promise<number> {
    const [{ deleted }]: { deleted: number }[] = await dataSource.query(
      `WITH gone AS (DELETE FROM ${this.table} WHERE created_at < now() - interval '${KEY_RETENTION}' RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
    );
    return deleted;
  }

  private sealed(body: unknown): unknown {
    return this.sealer ? { sealed: this.sealer.seal(JSON.stringify(body)) } : body;
  }

  private opened(stored: unknown): unknown {
    if (!this.sealer) return stored;
    return JSON.parse(this.sealer.open((stored as { sealed: string }).sealed));
  }
}
