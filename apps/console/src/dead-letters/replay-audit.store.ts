import type { DataSource } from 'typeorm';

/** Dead letters (one or all), or a notification replayed through the notifications service. */
export type ReplayAction = 'replay' | 'replay all' | 'replay notification';
export type ReplayOutcome = 'replayed' | 'failed';

export interface ReplayAuditEntry {
  at: Date;
  keyId: string;
  tenantName: string;
  action: ReplayAction;
  refs: string[];
  outcome: ReplayOutcome;
  detail: string;
}

interface AuditRow {
  at: Date;
  key_id: string;
  tenant_name: string;
  action: ReplayAction;
  refs: string[];
  outcome: ReplayOutcome;
  detail: string;
}

/** The replay audit trail in `console.replay_audit`: appended to, never changed. */
export class ReplayAuditStore {
  constructor(private readonly dataSource: DataSource) {}

  async append(entry: Omit<ReplayAuditEntry, 'at'>): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO console.replay_audit (key_id, tenant_name, action, refs, outcome, detail) VALUES ($1, $2, $3, $4, $5, $6)',
      [entry.keyId, entry.tenantName, entry.action, entry.refs, entry.outcome, entry.detail],
    );
  }

  async latest(limit: number): Promise<ReplayAuditEntry[]> {
    const rows: AuditRow[] = await this.dataSource.query(
      'SELECT at, key_id, tenant_name, action, refs, outcome, detail FROM console.replay_audit ORDER BY at DESC, id DESC LIMIT $1',
      [limit],
    );
    return rows.map((r) => ({ at: r.at, keyId: r.key_id, tenantName: r.tenant_name, action: r.action, refs: r.refs, outcome: r.outcome, detail: r.detail }));
  }
}
