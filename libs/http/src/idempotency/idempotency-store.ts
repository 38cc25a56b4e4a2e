import type { DataSource } from 'typeorm';

export interface StoredAnswer {
  requestHash: string;
  state: 'in_flight' | 'done';
  status: number | null;
  body: unknown;
}

export type Claim = { claimed: true } | { claimed: false; existing: StoredAnswer };

/** Keys are kept 24 h (CONVENTIONS.md); a request in flight longer than this is presumed dead and may be retried. */
export const KEY_RETENTION = '24 hours';
export const ABANDONED_AFTER = '60 seconds';

/** Idempotency keys per caller in one service schema. */
export class IdempotencyStore {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
  ) {
    this.table = `"${schema}".idempotency_keys`;
  }

  /**
   * Claims (caller, key) for this request, or returns what is there. An expired answer, or a claim
   * abandoned by a crashed request, is taken over.
   */
  async claim(caller: string, key: string, requestHash: string): Promise<Claim> {
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO ${this.table} AS k (caller, key, request_hash, state) VALUES ($1, $2, $3, 'in_flight')
       ON CONFLICT (caller, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, state = 'in_flight',
             response_status = NULL, response_body = NULL, created_at = now()
        WHERE k.created_at < now() - interval '${KEY_RETENTION}'
           OR (k.state = 'in_flight' AND k.created_at < now() - interval '${ABANDONED_AFTER}' AND k.request_hash = EXCLUDED.request_hash)
       RETURNING 1`,
      [caller, key, requestHash],
    );
    if (claimed.length === 1) return { claimed: true };
    const [row] = await this.dataSource.query(
      `SELECT request_hash, state, response_status, response_body FROM ${this.table} WHERE caller = $1 AND key = $2`,
      [caller, key],
    );
    if (!row) return this.claim(caller, key, requestHash);
    return { claimed: false, existing: { requestHash: row.request_hash, state: row.state, status: row.response_status, body: row.response_body } };
  }

  async complete(caller: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.table} SET state = 'done', response_status = $3, response_body = $4 WHERE caller = $1 AND key = $2`,
      [caller, key, status, JSON.stringify(body ?? null)],
    );
  }

  /** The request failed: forget the claim so a retry can run. */
  async release(caller: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${this.table} WHERE caller = $1 AND key = $2 AND state = 'in_flight'`, [caller, key]);
  }

  async prune(): Promise<number> {
    const [{ deleted }] = await this.dataSource.query(
      `WITH gone AS (DELETE FROM ${this.table} WHERE created_at < now() - interval '${KEY_RETENTION}' RETURNING 1) SELECT count(*)::int AS deleted FROM gone`,
    );
    return deleted;
  }
}
