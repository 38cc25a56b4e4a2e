import type { DataSource } from 'typeorm';
import type { DeclarationStatus } from './declaration-workflow';

/**
 * What is waiting at one crossing, for the operator console's corridor schematic. The four buckets
 * split `waiting` exactly (each waiting declaration is in one):
 * - `inspection`: in inspection (documents or not: an officer is on it);
 * - `awaitingDocuments`: required documents missing or expired before the cargo arrived. Arrival
 *   with missing documents HOLDs the cargo at once, so most of these are HELD for documents; a few
 *   are ARRIVED with a document replaced by one already expired then;
 * - `held`: HELD with documents complete (an officer's hold, or documents supplied since);
 * - `readyForDecision`: ARRIVED with documents complete — the officer can clear it now.
 */
export interface CrossingSummary {
  crossing: string;
  /** Open, the cargo not at the crossing yet. */
  expected: number;
  /** The cargo at the crossing, no decision yet. */
  waiting: number;
  awaitingDocuments: number;
  inspection: number;
  held: number;
  readyForDecision: number;
  /** Waiting past the clearance deadline. */
  slaBreached: number;
  /** When the longest-waiting cargo arrived; null when nothing waits. */
  oldestWaitingSince: string | null;
}

const OPEN: DeclarationStatus[] = ['PENDING', 'DOCUMENTS_COMPLETE', 'ARRIVED', 'INSPECTION', 'HELD'];

interface Row {
  crossing: string;
  expected: number;
  waiting: number;
  awaiting_documents: number;
  inspection: number;
  held: number;
  ready_for_decision: number;
  sla_breached: number;
  oldest_waiting_since: Date | null;
}

/**
 * One grouped query over open declarations (`crossing` narrows it to one crossing). A required
 * document is missing unless one of that type is attached and valid when the cargo arrived — the
 * same test as `checklist()` (attaching replaces a document of the same type, so there is one per type).
 */
export async function crossingSummaries(
  db: Pick<DataSource, 'query'>,
  now: Date,
  crossing?: string | null,
): Promise<CrossingSummary[]> {
  const rows: Row[] = await db.query(
    `WITH open AS (
       SELECT d.crossing, d.status, d.arrived_at, d.clearance_due_at,
              EXISTS (
                SELECT 1 FROM unnest(d.required_documents) AS required(type)
                 WHERE NOT EXISTS (
                   SELECT 1 FROM jsonb_array_elements(d.documents) AS attached(doc)
                    WHERE attached.doc->>'type' = required.type
                      AND (attached.doc->>'validUntil' IS NULL
                           OR (attached.doc->>'validUntil')::timestamptz >= d.arrived_at)
                 )
              ) AS documents_missing
         FROM "customs".declarations d
        WHERE d.status = ANY($1::text[]) AND d.crossing IS NOT NULL AND ($3::text IS NULL OR d.crossing = $3::text)
     )
     SELECT crossing,
            count(*) FILTER (WHERE arrived_at IS NULL)::int AS expected,
            count(*) FILTER (WHERE arrived_at IS NOT NULL)::int AS waiting,
            count(*) FILTER (WHERE arrived_at IS NOT NULL AND status <> 'INSPECTION' AND documents_missing)::int
              AS awaiting_documents,
            count(*) FILTER (WHERE arrived_at IS NOT NULL AND status = 'INSPECTION')::int AS inspection,
            count(*) FILTER (WHERE arrived_at IS NOT NULL AND status = 'HELD' AND NOT documents_missing)::int AS held,
            count(*) FILTER (
              WHERE arrived_at IS NOT NULL AND status NOT IN ('INSPECTION', 'HELD') AND NOT documents_missing
            )::int AS ready_for_decision,
            count(*) FILTER (WHERE arrived_at IS NOT NULL AND clearance_due_at < $2::timestamptz)::int AS sla_breached,
            min(arrived_at) AS oldest_waiting_since
       FROM open
      GROUP BY crossing
      ORDER BY crossing`,
    [OPEN, now.toISOString(), crossing ?? null],
  );
  return rows.map((row) => ({
    crossing: row.crossing,
    expected: row.expected,
    waiting: row.waiting,
    awaitingDocuments: row.awaiting_documents,
    inspection: row.inspection,
    held: row.held,
    readyForDecision: row.ready_for_decision,
    slaBreached: row.sla_breached,
    oldestWaitingSince: row.oldest_waiting_since ? new Date(row.oldest_waiting_since).toISOString() : null,
  }));
}
