import { setTimeout as sleep } from 'node:timers/promises';

interface FeedItem {
  /** The SSE `id` (what a reconnect sends back as Last-Event-ID). */
  id: string;
  /** The notification's id. */
  notificationId: string;
  /** The fact it is about (its ce_id). */
  eventId: string;
}

export interface FeedReader {
  items: FeedItem[];
  /** Streams that ended (the service went away, …) and were opened again with Last-Event-ID. */
  reconnects: number;
  stop(): Promise<void>;
}

/**
 * Follows a shipper's live feed as an EventSource would: from the beginning (`lastEventId=0`), and
 * after any break it reconnects with `Last-Event-ID` = the last id it received, with a backoff.
 */
export function followFeed(feedUrl: string, authorization: string): FeedReader {
  const abort = new AbortController();
  const reader: FeedReader = { items: [], reconnects: 0, stop: () => Promise.resolve() };
  let last: string | undefined;
  const loop = (async () => {
    for (let failures = 0; !abort.signal.aborted;) {
      try {
        const headers: Record<string, string> = { authorization, accept: 'text/event-stream' };
        if (last !== undefined) headers['last-event-id'] = last;
        const response = await fetch(last === undefined ? `${feedUrl}?lastEventId=0` : feedUrl, {
          headers,
          signal: abort.signal,
        });
        if (response.ok && response.body) {
          failures = 0;
          await read(response.body, (item) => {
            last = item.id;
            reader.items.push(item);
          });
        } else {
          await response.body?.cancel();
        }
      } catch {
        // the service went away: reconnect below
      }
      if (abort.signal.aborted) break;
      reader.reconnects += 1;
      failures += 1;
      await sleep(Math.min(5_000, 250 * 2 ** Math.min(failures, 5))).catch(() => undefined);
    }
  })();
  reader.stop = async () => {
    abort.abort();
    await loop;
  };
  return reader;
}

async function read(body: ReadableStream<Uint8Array>, onItem: (item: FeedItem) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let id: string | undefined;
      let data: string | undefined;
      for (const line of block.split('\n')) {
        if (line.startsWith('id:')) id = line.slice(3).trim();
        else if (line.startsWith('data:')) data = (data === undefined ? '' : `${data}\n`) + line.slice(5).trimStart();
      }
      if (id === undefined || data === undefined) continue; // a keep-alive comment
      const notification = JSON.parse(data) as { id: string; data?: { eventId?: string } };
      onItem({ id, notificationId: notification.id, eventId: notification.data?.eventId ?? '' });
    }
  }
}
