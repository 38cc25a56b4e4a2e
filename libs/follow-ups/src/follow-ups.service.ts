import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@lib/clock';
import { SqlParams } from '@lib/database';
import {
  FOLLOW_UP_HANDLER,
  type FireResult,
  type FollowUpHandler,
  type FollowUpRow,
  type PlannedFollowUp,
} from './follow-up';
import { FollowUpScheduler } from './follow-up.scheduler';

export const FOLLOW_UP_SCHEMA = Symbol('FOLLOW_UP_SCHEMA');

const COLUMNS = `id, subject_id AS "subjectId", kind, details, due_at AS "dueAt", state`;

/**
 * Durable follow-ups: Postgres holds them (recorded in the transaction that made them needed),
 * BullMQ only wakes us at the right time, and a job that runs twice does its work once.
 */
@Injectable()
export class FollowUps {
  private readonly logger = new Logger(FollowUps.name);
  private readonly table: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scheduler: FollowUpScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FOLLOW_UP_SCHEMA) schema: string,
    @Inject(FOLLOW_UP_HANDLER) private readonly handler: FollowUpHandler,
  ) {
    this.table = `"${schema}".follow_ups`;
  }

  /** Records follow-ups in the caller's transaction; returns the new ones, to schedule after commit. */
  async record(manager: EntityManager, planned: PlannedFollowUp[]): Promise<PlannedFollowUp[]> {
    if (planned.length === 0) return [];
    const params = new SqlParams();
    const rows: { id: string }[] = await manager.query(this.insertion(planned, params), params.values);
    return this.fresh(planned, rows);
  }

  /**
   * The insert of these follow-ups, for a caller that writes them in one statement with its own
   * change (a data-modifying CTE); it returns the ids of the new ones (`fresh` picks them out).
   */
  insertion(planned: PlannedFollowUp[], params: SqlParams): string {
    return this.insert(planned, params, 'ON CONFLICT (id) DO NOTHING RETURNING id');
  }

  private insert(planned: PlannedFollowUp[], params: SqlParams, onConflict: string): string {
    const rows = planned.map((p) => ({
      id: p.id,
      subject_id: p.subjectId,
      kind: p.kind,
      details: p.details,
      due_at: p.dueAt.toISOString(),
    }));
    return `INSERT INTO ${this.table} AS f (id, subject_id, kind, details, due_at)
       SELECT * FROM json_to_recordset(${params.add(JSON.stringify(rows), 'json')})
         AS r(id text, subject_id uuid, kind text, details jsonb, due_at timestamptz)
       ${onConflict}`;
  }

  /**
   * The planned follow-ups an insertion actually recorded (planning twice records once): these are the
   * ones to schedule.
   */
  fresh(planned: PlannedFollowUp[], inserted: { id: string }[]): PlannedFollowUp[] {
    const ids = new Set(inserted.map((r) => r.id));
    return planned.filter((p) => ids.has(p.id));
  }

  /**
   * Re-plans follow-ups that move (a watchdog: "nothing heard for so long"), in the caller's transaction,
   * one statement, each id at most once. A new one is recorded; a pending one's due time only moves later
   * (its job wakes at the old time, finds it not due and sleeps on: no Redis call); a done one is armed
   * again when its new due time is later than the one it fired at and still ahead of the clock (the watch
   * fired, then heard again). Returns the new and re-armed ones, to schedule after commit.
   */
  async move(manager: EntityManager, planned: PlannedFollowUp[]): Promise<PlannedFollowUp[]> {
    if (planned.length === 0) return [];
    const params = new SqlParams();
    const now = params.add(this.clock.now().toISOString(), 'timestamptz');
    // RETURNING sees only the new row: `created_at = now()` marks what this transaction recorded or re-armed.
    const sql = this.insert(
      planned,
      params,
      `ON CONFLICT (id) DO UPDATE
         SET due_at = excluded.due_at, details = excluded.details, state = 'pending', outcome = NULL,
             done_at = NULL, created_at = CASE WHEN f.state = 'done' THEN now() ELSE f.created_at END
         WHERE excluded.due_at > f.due_at AND (f.state = 'pending' OR excluded.due_at > ${now})
       RETURNING id, created_at = now() AS fresh`,
    );
    const rows: { id: string; fresh: boolean }[] = await manager.query(sql, params.values);
    return this.fresh(
      planned,
      rows.filter((r) => r.fresh),
    );
  }

  /** After commit; a Redis that is down only delays it to the next sweep. */
  async schedule(planned: { id: string; dueAt: Date }[]): Promise<void> {
    await this.scheduler.schedule(planned).catch((error: unknown) => {
      this.logger.warn({ err: error, count: planned.length }, 'could not schedule follow-ups now; the sweep will');
    });
  }

  /** Re-schedules every pending follow-up (at start, after Redis reconnects, and periodically). */
  async sweep(): Promise<number> {
    const rows: { id: string; dueAt: Date }[] = await this.dataSource.query(
      `SELECT id, due_at AS "dueAt" FROM ${this.table} WHERE state = 'pending' ORDER BY due_at LIMIT 10000`,
    );
    await this.scheduler.schedule(rows);
    return rows.length;
  }

  /**
   * The job's work; safe to run twice (the row's state decides). A job woken early (clock skew, a
   * sweep after a clock change, a due time moved later) does nothing and is told when to come back.
   */
  async fire(id: string): Promise<FireResult> {
    const result = await this.dataSource.transaction(async (manager): Promise<FireResult> => {
      const [row]: (FollowUpRow & { state: string })[] = await manager.query(
        `SELECT ${COLUMNS} FROM ${this.table} WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row || row.state === 'done') return { outcome: 'already-done' };
      if (row.dueAt.getTime() > this.clock.now().getTime()) return { outcome: 'not-due', dueAt: row.dueAt };
      const outcome = await this.handler.fire(manager, row);
      await manager.query(`UPDATE ${this.table} SET state = 'done', outcome = $2, done_at = now() WHERE id = $1`, [
        id,
        outcome,
      ]);
      return { outcome };
    });
    if (result.outcome === 'fired') this.logger.log({ followUpId: id }, 'follow-up fired');
    return result;
  }
}
