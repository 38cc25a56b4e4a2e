import type { DataSource } from 'typeorm';

/**
 * What operators did through the console: dead letters (one or all) or a notification replayed,
 * a crossing closed or opened, or an override lifted (through the shipments service).
 */
export type ReplayAction =
  'replay' | 'replay all' | 'replay notification' | 'close crossing' | 'open crossing' | 'lift crossing override';
type ReplayOutcome = 'replayed' | 'done' | 'failed';

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
      'INSERT INTO console.replay_audit (key_id, tenant_name, action, refs, outcome, detail) ' +
        'VALUES ($1, $2, $3, $4, $5, $6)',
      [entry.keyId, entry.tenantName, entry.action, entry.refs, entry.outcome, entry.detail],
    );
  }

  /** The latest entries, newest first; of the given actions only, when named. */
  async latest(limit: number, actions?: ReplayAction[]): Promise<ReplayAuditEntry[]> {
    const rows: AuditRow[] = await this.dataSource.query(
      'SELECT at, key_id, tenant_name, action, refs, outcome, detail FROM console.replay_audit ' +
        'WHERE ($2::text[] IS NULL OR action = ANY($2)) ORDER BY at DESC, id DESC LIMIT $1',
      [limit, actions ?? null],
    );
    return rows.map((r) => ({
      at: r.at,
      keyId: r.key_id,
      tenantName: r.tenant_name,
      action: r.action,
      refs: r.refs,
      outcome: r.outcome,
      detail: r.detail,
    }));
  }
}
