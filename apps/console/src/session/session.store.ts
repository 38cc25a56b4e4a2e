import type { DataSource } from 'typeorm';

/** Who a session belongs to, as the console shows and re-checks it. */
export interface OperatorSession {
  keyId: string;
  tenantId: string;
  tenantName: string;
  expiresAt: Date;
}

interface SessionRow {
  key_id: string;
  tenant_id: string;
  tenant_name: string;
  expires_at: Date;
}

/** Sessions in `console.sessions`, by the SHA-256 of their token. */
export class SessionStore {
  constructor(private readonly dataSource: DataSource) {}

  async create(tokenHash: Buffer, session: OperatorSession): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO console.sessions (token_hash, key_id, tenant_id, tenant_name, expires_at) ' +
        'VALUES ($1, $2, $3, $4, $5)',
      [tokenHash, session.keyId, session.tenantId, session.tenantName, session.expiresAt],
    );
  }

  /** The session if it exists and has not expired. */
  async find(tokenHash: Buffer): Promise<OperatorSession | undefined> {
    const [row]: SessionRow[] = await this.dataSource.query(
      'SELECT key_id, tenant_id, tenant_name, expires_at FROM console.sessions ' +
        'WHERE token_hash = $1 AND expires_at > now()',
      [tokenHash],
    );
    return (
      row && { keyId: row.key_id, tenantId: row.tenant_id, tenantName: row.tenant_name, expiresAt: row.expires_at }
    );
  }

  async delete(tokenHash: Buffer): Promise<void> {
    await this.dataSource.query('DELETE FROM console.sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteForKey(keyId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM console.sessions WHERE key_id = $1', [keyId]);
  }

  async pruneExpired(): Promise<number> {
    const [row]: { n: number }[] = await this.dataSource.query(
      'WITH gone AS (DELETE FROM console.sessions WHERE expires_at <= now() RETURNING 1) ' +
        'SELECT count(*)::int AS n FROM gone',
    );
    return row.n;
  }
}
