import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { timelineCursor, timelineKeyColumns, type ListEventsQuery } from './dto/timeline.dto';

export interface TimelineEntry {
  eventId: string;
  leg: number;
  kind: string;
  classifier: string;
  occurredAt: string;
  acceptedAt: string;
  location?: unknown;
  published: string[];
}

interface TimelineRow {
  id: string;
  carrier_event_id: string;
  leg_sequence: number;
  kind: string;
  classifier: string;
  occurred_at: Date;
  accepted_at: Date;
  /** The keys as text with microseconds: a JS Date would round them to milliseconds and the keyset would skip rows. */
  occurred_key: string;
  accepted_key: string;
  location: unknown;
  details: Record<string, unknown>;
  published: string[];
}

const COLUMNS = `id, carrier_event_id, leg_sequence, kind, classifier, occurred_at, accepted_at, location, details,
  published, ${timelineKeyColumns}`;

function entry(r: TimelineRow): TimelineEntry {
  return {
    eventId: r.carrier_event_id,
    leg: r.leg_sequence,
    kind: r.kind,
    classifier: r.classifier,
    occurredAt: r.occurred_at.toISOString(),
    acceptedAt: r.accepted_at.toISOString(),
    location: r.location ?? undefined,
    ...Object.fromEntries(Object.entries(r.details).filter(([, v]) => v !== null && v !== undefined)),
    published: r.published,
  };
}

/**
 * A shipment's history in occurrence order (late reports slot into place; ties by acceptance, then
 * id). It grows with every carrier post, so it is read a page at a time, never whole.
 */
@Injectable()
export class TimelineService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The latest `count` events, in occurrence order, and whether older ones exist. */
  async latest(shipmentId: string, count: number): Promise<{ events: TimelineEntry[]; truncated: boolean }> {
    const rows: TimelineRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM "shipments".shipment_events WHERE shipment_id = $1
        ORDER BY occurred_at DESC, accepted_at DESC, id DESC LIMIT $2`,
      [shipmentId, count + 1],
    );
    return { events: rows.slice(0, count).reverse().map(entry), truncated: rows.length > count };
  }

  /** One page of the whole history, oldest first, after the cursor's position. */
  async page(
    shipmentId: string,
    query: ListEventsQuery,
  ): Promise<{ items: TimelineEntry[]; nextCursor: string | null }> {
    const after = query.cursor;
    const rows: TimelineRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM "shipments".shipment_events WHERE shipment_id = $1
          ${after ? 'AND (occurred_at, accepted_at, id) > ($3::timestamptz, $4::timestamptz, $5::uuid)' : ''}
        ORDER BY occurred_at, accepted_at, id LIMIT $2`,
      after
        ? [shipmentId, query.limit + 1, after.occurredAt, after.acceptedAt, after.id]
        : [shipmentId, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(entry),
      nextCursor:
        rows.length > query.limit && last
          ? timelineCursor.encode({ occurredAt: last.occurred_key, acceptedAt: last.accepted_key, id: last.id })
          : null,
    };
  }
}
