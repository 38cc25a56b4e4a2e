import { Injectable, type MessageEvent } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { filter, merge, Observable, interval, map } from 'rxjs';
import { DataSource } from 'typeorm';
import { DEFAULT_LANGUAGE, type Language } from '@lib/i18n';
import { contextOf } from '../notification/shipment-names';
import { renderNotification, type LegPlaces } from '../render/notification-message';
import { FeedListener } from './feed.listener';

const PAGE = 500;
/** Streams also look every so often (and send a comment, which keeps proxies from closing an idle stream). */
const POLL_MS = 15_000;

interface FeedRow {
  position: string;
  id: string;
  event_type: string;
  shipment_id: string;
  title: string;
  message: string;
  data: Record<string, unknown>;
  created_at: Date;
  tracking_number: string | null;
  commodity: string | null;
  legs: LegPlaces[] | null;
}

/**
 * A shipper's live feed as Server-Sent Events: everything after `Last-Event-ID`, then each new one as
 * it gets its position, written in the reader's language (rows are stored in English; another language
 * is rendered as it is read, from the same data the row was rendered from, so it says the same facts).
 * Positions (`feed_seq`) are given after commit in commit order (FeedSequencer), so paging by position
 * never passes over a notification that commits later.
 */
@Injectable()
export class FeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly listener: FeedListener,
  ) {}

  /** Where a reader without a Last-Event-ID starts: after the newest one (only what comes next). */
  async latest(shipperId: string): Promise<string> {
    const [row]: { feed_seq: string | null }[] = await this.dataSource.query(
      `SELECT max(feed_seq)::text AS feed_seq FROM "notifications".notifications
        WHERE shipper_id = $1 AND channel = 'feed'`,
      [shipperId],
    );
    return row?.feed_seq ?? '0';
  }

  stream(shipperId: string, after: string, language: Language = DEFAULT_LANGUAGE): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      let last = after;
      let running: Promise<void> | undefined;
      let again = false;
      const pump = (): void => {
        if (running) {
          again = true;
          return;
        }
        running = (async () => {
          do {
            again = false;
            const rows = await this.page(shipperId, last);
            for (const row of rows) {
              const { title, message } = this.inLanguage(row, language);
              subscriber.next({
                id: row.position,
                type: row.event_type,
                data: {
                  id: row.id,
                  type: row.event_type,
                  shipmentId: row.shipment_id,
                  title,
                  message,
                  data: row.data,
                  createdAt: row.created_at.toISOString(),
                },
              });
              last = row.position;
            }
            if (rows.length === PAGE) again = true;
          } while (again && !subscriber.closed);
        })()
          .catch((error: unknown) => subscriber.error(error))
          .finally(() => (running = undefined));
      };
      const wake = merge(
        this.listener.shippers.pipe(filter((id) => id === shipperId)),
        interval(POLL_MS).pipe(map(() => 'poll')),
      ).subscribe((reason) => {
        if (reason === 'poll') subscriber.next({ comment: 'keep-alive' });
        pump();
      });
      pump();
      return () => wake.unsubscribe();
    });
  }

  private inLanguage(row: FeedRow, language: Language): { title: string; message: string } {
    if (language === DEFAULT_LANGUAGE) return { title: row.title, message: row.message };
    const context = contextOf({ trackingNumber: row.tracking_number, commodity: row.commodity, legs: row.legs });
    const rendered = renderNotification(row.event_type, row.data, context, language);
    return { title: rendered.subject, message: rendered.text };
  }

  private page(shipperId: string, after: string): Promise<FeedRow[]> {
    return this.dataSource.query(
      // Not `AS feed_seq`: ORDER BY would then sort the text alias (10 before 9).
      `SELECT n.feed_seq::text AS position, n.id, n.event_type, n.shipment_id, n.title, n.message, n.data,
              n.created_at, s.tracking_number, s.commodity, s.legs
       FROM "notifications".notifications n
       LEFT JOIN "notifications".shipments s ON s.shipment_id = n.shipment_id
       WHERE n.shipper_id = $1 AND n.channel = 'feed' AND n.feed_seq > $2 ORDER BY n.feed_seq LIMIT ${PAGE}`,
      [shipperId, after],
    );
  }
}
