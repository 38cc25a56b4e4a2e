import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@lib/clock';
import type { Principal } from '@lib/identity';
import { timelineCursor, timelineKeyColumns } from '../shipment/dto/timeline.dto';
import { canSeeShipment } from '../shipment/shipment-access';
import { Shipment } from '../shipment/shipment.entity';
import { ShipmentNotFound } from '../shipment/shipment.errors';
import type { EpcisExportQuery } from './epcis.dto';
import { isUuid } from './event-ids';
import { EXPORTED_KINDS, epcisDocument, type HistoryEvent } from './epcis.mapping';

interface HistoryRow {
  id: string;
  leg_sequence: number;
  kind: string;
  occurred_at: Date;
  accepted_at: Date;
  location: HistoryEvent['location'];
  details: HistoryEvent['details'];
  occurred_key: string;
  accepted_key: string;
}

/**
 * A shipment's history as EPCIS 2.0 events, a page at a time in the timeline's order (occurrence, then
 * acceptance, then id): only actual events of the kinds the export maps, so estimates never fill a page.
 */
@Injectable()
export class EpcisService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async export(
    principal: Principal,
    id: string,
    query: EpcisExportQuery,
  ): Promise<{ document: Record<string, unknown>; nextCursor: string | null }> {
    // Who may see it is exactly GET /v1/shipments/:id's rule; anything else is the same 404.
    const shipment = isUuid(id) ? await this.db.getRepository(Shipment).findOneBy({ id }) : null;
    if (!shipment || !canSeeShipment(principal, shipment)) throw new ShipmentNotFound(id);
    const after = query.cursor;
    const rows: HistoryRow[] = await this.db.query(
      `SELECT id, leg_sequence, kind, occurred_at, accepted_at, location, details, ${timelineKeyColumns}
         FROM "shipments".shipment_events
        WHERE shipment_id = $1 AND classifier = 'ACT' AND kind = ANY($3)
          ${after ? 'AND (occurred_at, accepted_at, id) > ($4::timestamptz, $5::timestamptz, $6::uuid)' : ''}
        ORDER BY occurred_at, accepted_at, id LIMIT $2`,
      after
        ? [shipment.id, query.limit + 1, EXPORTED_KINDS, after.occurredAt, after.acceptedAt, after.id]
        : [shipment.id, query.limit + 1, EXPORTED_KINDS],
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const history: HistoryEvent[] = page.map((r) => ({
      id: r.id,
      legSequence: r.leg_sequence,
      kind: r.kind,
      occurredAt: r.occurred_at,
      acceptedAt: r.accepted_at,
      location: r.location,
      details: r.details,
    }));
    return {
      // The booking opens the first page only.
      document: epcisDocument(shipment, history, this.clock.now(), !after),
      nextCursor:
        rows.length > query.limit && last
          ? timelineCursor.encode({ occurredAt: last.occurred_key, acceptedAt: last.accepted_key, id: last.id })
          : null,
    };
  }
}
