import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Language } from '@lib/i18n';
import type { TimelineRow, TrackedRow } from './tracking.view';

export interface ShareLink {
  id: string;
  shipmentId: string;
  label: string | null;
  language: Language;
  show: { consignee: boolean; documents: boolean };
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastOpenedAt: string | null;
}

export interface NewShareLink {
  id: string;
  shipmentId: string;
  tokenHash: Buffer;
  label: string | null;
  language: Language;
  show: { consignee: boolean; documents: boolean };
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
}

interface LinkRow {
  id: string;
  shipment_id: string;
  label: string | null;
  language: Language;
  show_consignee: boolean;
  show_documents: boolean;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_opened_at: Date | null;
}

const LINK_COLUMNS =
  'id, shipment_id, label, language, show_consignee, show_documents, created_at, expires_at, revoked_at, ' +
  'last_opened_at';

const iso = (at: Date | null) => (at ? at.toISOString() : null);

function linkOf(row: LinkRow): ShareLink {
  return {
    id: row.id,
    shipmentId: row.shipment_id,
    label: row.label,
    language: row.language,
    show: { consignee: row.show_consignee, documents: row.show_documents },
    createdAt: row.created_at.toISOString(),
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
    lastOpenedAt: iso(row.last_opened_at),
  };
}

/** How many of the latest events the public page shows. */
const PAGE_EVENTS = 50;

/**
 * Share links in `shipments.share_links`, looked up by the SHA-256 of their token (the token itself is
 * never stored), and the shipment facts the public page reads. Postgres is the truth for every instance.
 */
@Injectable()
export class ShareLinkStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(link: NewShareLink): Promise<ShareLink> {
    const [row]: LinkRow[] = await this.dataSource.query(
      `INSERT INTO "shipments".share_links
         (id, shipment_id, token_hash, label, language, show_consignee, show_documents, created_by, created_at,
          expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${LINK_COLUMNS}`,
      [
        link.id,
        link.shipmentId,
        link.tokenHash,
        link.label,
        link.language,
        link.show.consignee,
        link.show.documents,
        link.createdBy,
        link.createdAt,
        link.expiresAt,
      ],
    );
    return linkOf(row);
  }

  async list(shipmentId: string): Promise<ShareLink[]> {
    const rows: LinkRow[] = await this.dataSource.query(
      `SELECT ${LINK_COLUMNS} FROM "shipments".share_links WHERE shipment_id = $1 ORDER BY created_at DESC, id`,
      [shipmentId],
    );
    return rows.map(linkOf);
  }

  /** Revokes a link of this shipment; a second revocation keeps the first time. False: no such link here. */
  async revoke(shipmentId: string, id: string, by: string, at: Date): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `UPDATE "shipments".share_links
          SET revoked_at = COALESCE(revoked_at, $3), revoked_by = COALESCE(revoked_by, $4)
        WHERE shipment_id = $1 AND id = $2 RETURNING id`,
      [shipmentId, id, at, by],
    );
    return rows.length > 0;
  }

  /** The link a token opens, if it is still live at `now`; records the opening when `touch`. */
  async live(tokenHash: Buffer, now: Date, touch: boolean): Promise<ShareLink | null> {
    // TypeORM answers an UPDATE … RETURNING as [rows, count], a SELECT as rows.
    const rows: LinkRow[] = touch
      ? (
          await this.dataSource.query<[LinkRow[], number]>(
            `UPDATE "shipments".share_links SET last_opened_at = $2
            WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)
            RETURNING ${LINK_COLUMNS}`,
            [tokenHash, now],
          )
        )[0]
      : await this.dataSource.query(
          `SELECT ${LINK_COLUMNS} FROM "shipments".share_links
            WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)`,
          [tokenHash, now],
        );
    return rows[0] ? linkOf(rows[0]) : null;
  }

  /**
   * One cheap read per live page every couple of seconds: whether the link still opens, and a digest of
   * everything the page shows about the shipment (null: the link no longer opens).
   */
  async version(tokenHash: Buffer, now: Date): Promise<string | null> {
    const rows: { version: string }[] = await this.dataSource.query(
      `SELECT md5(concat_ws('|', s.status, s.legs::text, s.position::text, s.eta_prediction::text,
                s.updated_at::text, (SELECT max(e.accepted_at)::text FROM "shipments".shipment_events e
                                      WHERE e.shipment_id = s.id))) AS version
         FROM "shipments".share_links l JOIN "shipments".shipments s ON s.id = l.shipment_id
        WHERE l.token_hash = $1 AND l.revoked_at IS NULL AND (l.expires_at IS NULL OR l.expires_at > $2)`,
      [tokenHash, now],
    );
    return rows[0]?.version ?? null;
  }

  async tracked(shipmentId: string): Promise<{ row: TrackedRow; events: TimelineRow[] } | null> {
    const [shipment]: {
      tracking_number: string;
      status: TrackedRow['status'];
      consignee: string | null;
      cargo: { commodity: string; packages: number; weightKg: number };
      legs: TrackedRow['legs'];
      position: TrackedRow['position'];
      eta_prediction: TrackedRow['etaPrediction'];
    }[] = await this.dataSource.query(
      `SELECT tracking_number, status, consignee, cargo, legs, position, eta_prediction
         FROM "shipments".shipments WHERE id = $1`,
      [shipmentId],
    );
    if (!shipment) return null;
    const events: { leg_sequence: number; kind: string; classifier: string; occurred_at: Date; location: unknown }[] =
      await this.dataSource.query(
        `SELECT leg_sequence, kind, classifier, occurred_at, location FROM "shipments".shipment_events
          WHERE shipment_id = $1 ORDER BY occurred_at DESC, accepted_at DESC, id DESC LIMIT $2`,
        [shipmentId, PAGE_EVENTS],
      );
    return {
      row: {
        trackingNumber: shipment.tracking_number,
        status: shipment.status,
        consignee: shipment.consignee,
        commodity: shipment.cargo.commodity,
        packages: shipment.cargo.packages,
        weightKg: shipment.cargo.weightKg,
        legs: shipment.legs,
        position: shipment.position,
        etaPrediction: shipment.eta_prediction,
      },
      events: events.reverse().map((e) => ({
        leg: e.leg_sequence,
        kind: e.kind,
        classifier: e.classifier,
        occurredAt: e.occurred_at.toISOString(),
        location: e.location,
      })),
    };
  }
}
