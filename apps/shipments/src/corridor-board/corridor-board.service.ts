import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@lib/clock';
import { listCorridors } from '@lib/reference-data';
import { corridorBoard, type BoardRow, type CorridorBoard } from './corridor-board';

const DAY_MS = 24 * 3600_000;

/**
 * One row per (corridor, state, current leg's places): the whole table is reduced in Postgres, so
 * a million shipments cost one scan and a handful of rows, never a million objects in JS.
 * The current leg is the last one with an actual event (legs take actual events only in order, so
 * those form a prefix); `next` is where the leg after it starts (`legs -> i` with i 1-based is the
 * next element). Delivered shipments count when their last leg arrived after `$1`; carriers may
 * report up to 15 minutes ahead of the clock, and such a delivery counts as delivered now.
 */
const BOARD_SQL = `
SELECT s.corridor,
       CASE WHEN s.status = 'DELIVERED' THEN 'DELIVERED'
            WHEN cur.leg IS NULL THEN 'BOOKED'
            ELSE coalesce(cur.leg->>'status', 'PLANNED') END AS state,
       CASE WHEN s.status = 'DELIVERED' THEN NULL ELSE coalesce(cur.leg, s.legs->0)->'from'->>'name' END AS "from",
       CASE WHEN s.status = 'DELIVERED' THEN NULL ELSE coalesce(cur.leg, s.legs->0)->'to'->>'name' END AS "to",
       CASE WHEN s.status = 'DELIVERED' OR cur.leg IS NULL THEN NULL
            ELSE s.legs->(cur.i::int)->'from'->>'name' END AS "next",
       count(*)::int AS count
  FROM shipments.shipments s
  LEFT JOIN LATERAL (
       SELECT l.leg, l.i
         FROM jsonb_array_elements(s.legs) WITH ORDINALITY AS l(leg, i)
        WHERE s.status <> 'DELIVERED' AND (l.leg->>'hasActual')::boolean
        ORDER BY l.i DESC
        LIMIT 1) cur ON true
 WHERE s.corridor IS NOT NULL
   AND (s.status IN ('BOOKED', 'IN_TRANSIT')
        OR (s.status = 'DELIVERED' AND (s.legs->-1->>'actualArrival')::timestamptz > $1))
 GROUP BY 1, 2, 3, 4, 5`;

/** The operators' corridor board: where the active cargo is on each seed corridor. */
@Injectable()
export class CorridorBoardService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async board(): Promise<CorridorBoard> {
    const now = this.clock.now();
    const rows: BoardRow[] = await this.db.query(BOARD_SQL, [new Date(now.getTime() - DAY_MS)]);
    return corridorBoard(listCorridors(), rows, now);
  }
}
