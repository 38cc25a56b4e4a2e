import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Season } from './eta.segments';
import type { PublishedEta } from './eta.predictor';
import { EMPTY_STATS, type LogStats } from './eta.stats';

/** A shipment as the predictor needs it beside its tracked state: its corridor and what was last published. */
export interface EtaContext {
  id: string;
  corridor: string | null;
  published: PublishedEta | null;
}

export interface SegmentStats {
  key: string;
  season: Season;
  stats: LogStats;
}

export type StatsTable = Map<string, LogStats>;
export const statsId = (key: string, season: Season) => `${key}|${season}`;

/**
 * The model in Postgres: `shipments.eta_segments` (one row per segment and season) and the prediction
 * last published on each shipment row. Every call runs in the caller's transaction, which holds the
 * shipments' row locks: the model moves with the carrier event that taught it, or not at all.
 */
@Injectable()
export class EtaStore {
  async contexts(manager: EntityManager, ids: string[]): Promise<Map<string, EtaContext>> {
    if (ids.length === 0) return new Map();
    const rows: EtaContext[] = await manager.query(
      `SELECT id, corridor, eta_prediction AS published FROM "shipments".shipments WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  async read(manager: EntityManager, keys: string[]): Promise<StatsTable> {
    if (keys.length === 0) return new Map();
    const rows: { segment: string; season: Season; n: number; mean_log: number; m2_log: number }[] =
      await manager.query(
        `SELECT segment, season, n, mean_log, m2_log FROM "shipments".eta_segments WHERE segment = ANY($1::text[])`,
        [[...new Set(keys)]],
      );
    return new Map(rows.map((r) => [statsId(r.segment, r.season), { n: r.n, meanLog: r.mean_log, m2Log: r.m2_log }]));
  }

  /**
   * Merges new observations into the stored rows — the SQL form of `mergeStats` (eta.stats.ts), in key
   * order so two posts learning on the same segments lock them in the same order.
   */
  async record(manager: EntityManager, learned: SegmentStats[]): Promise<void> {
    if (learned.length === 0) return;
    const rows = [...learned]
      .sort((a, b) => statsId(a.key, a.season).localeCompare(statsId(b.key, b.season)))
      .map((l) => ({
        segment: l.key,
        season: l.season,
        n: l.stats.n,
        mean_log: l.stats.meanLog,
        m2_log: l.stats.m2Log,
      }));
    await manager.query(
      `INSERT INTO "shipments".eta_segments AS e (segment, season, n, mean_log, m2_log)
       SELECT segment, season, n, mean_log, m2_log
         FROM json_to_recordset($1::json) AS v(segment text, season text, n int, mean_log float8, m2_log float8)
       ON CONFLICT (segment, season) DO UPDATE SET
         n = e.n + excluded.n,
         mean_log = e.mean_log + (excluded.mean_log - e.mean_log) * excluded.n / (e.n + excluded.n)::float8,
         m2_log = e.m2_log + excluded.m2_log
                + (excluded.mean_log - e.mean_log) ^ 2 * e.n * excluded.n / (e.n + excluded.n)::float8,
         updated_at = now()`,
      [JSON.stringify(rows)],
    );
  }

  async savePublished(manager: EntityManager, published: { id: string; eta: PublishedEta }[]): Promise<void> {
    if (published.length === 0) return;
    await manager.query(
      `UPDATE "shipments".shipments AS s SET eta_prediction = v.eta
         FROM json_to_recordset($1::json) AS v(id uuid, eta jsonb) WHERE s.id = v.id`,
      [JSON.stringify(published)],
    );
  }
}

export const lookupIn =
  (table: StatsTable) =>
  (key: string, season: Season): LogStats =>
    table.get(statsId(key, season)) ?? EMPTY_STATS;
