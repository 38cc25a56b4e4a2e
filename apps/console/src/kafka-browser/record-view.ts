import { headerText, type PartitionRange, type ReadRecord } from '@lib/messaging';
import { traceIdOf } from '@lib/tracing';

/** A record as the browser shows it: where it sits, its CloudEvents attributes decoded, the payload pretty-printed. */
export interface RecordView {
  topic: string;
  partition: number;
  offset: number;
  /** The record's Kafka timestamp (ms). */
  timestamp: number;
  key: string | null;
  eventId?: string;
  eventType?: string;
  source?: string;
  subject?: string;
  time?: string;
  traceparent?: string;
  traceId?: string;
  headers: Record<string, string>;
  /** JSON indented when it parses, else the text as it came (it may be why a record was dead-lettered). */
  payload: string;
}

export interface RecordFilter {
  type?: string;
  subject?: string;
  traceId?: string;
}

/** Per partition, the offset a page ends before (exclusive); absent partitions start at their end. */
export type Cursor = Map<number, number>;

export function prettyPayload(value: string | null): string {
  if (value === null) return '';
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}

export function recordView({ topic, partition, message }: ReadRecord): RecordView {
  const header = (name: string) => headerText(message.headers, name);
  const traceparent = header('traceparent');
  return {
    topic,
    partition,
    offset: Number(message.offset),
    timestamp: Number(message.timestamp),
    key: message.key?.toString() ?? null,
    eventId: header('ce_id'),
    eventType: header('ce_type'),
    source: header('ce_source'),
    subject: header('ce_subject'),
    time: header('ce_time'),
    traceparent,
    traceId: traceIdOf(traceparent),
    headers: Object.fromEntries(Object.keys(message.headers ?? {}).map((name) => [name, header(name) ?? ''])),
    payload: prettyPayload(message.value?.toString() ?? null),
  };
}

export function isFiltered(filter: RecordFilter): boolean {
  return !!(filter.type || filter.subject || filter.traceId);
}

/**
 * Exact matches; the subject also matches the record key (a record without `ce_subject` is still keyed by shipment).
 */
export function matches(record: RecordView, filter: RecordFilter): boolean {
  if (filter.type && record.eventType !== filter.type) return false;
  if (filter.subject && record.subject !== filter.subject && record.key !== filter.subject) return false;
  if (filter.traceId && record.traceId !== filter.traceId.toLowerCase()) return false;
  return true;
}

/** Newest first: by Kafka timestamp, then partition and offset so the order is stable. */
export function newestFirst(a: RecordView, b: RecordView): number {
  return b.timestamp - a.timestamp || a.partition - b.partition || b.offset - a.offset;
}

/** In time order, as the facts happened (`ce_time`, else the Kafka timestamp). */
export function oldestFirst(a: RecordView, b: RecordView): number {
  const at = (r: RecordView) => (r.time && !Number.isNaN(Date.parse(r.time)) ? Date.parse(r.time) : r.timestamp);
  return at(a) - at(b) || a.timestamp - b.timestamp || a.topic.localeCompare(b.topic) || a.offset - b.offset;
}

/** `0:120,1:87`: the cursor in a link. Anything malformed is ignored (the page starts at the end). */
export function parseCursor(text: string | undefined): Cursor {
  const cursor: Cursor = new Map();
  for (const part of (text ?? '').split(',')) {
    const match = /^(\d+):(\d+)$/.exec(part.trim());
    if (match) cursor.set(Number(match[1]), Number(match[2]));
  }
  return cursor;
}

export function formatCursor(cursor: Cursor): string {
  return [...cursor]
    .sort(([a], [b]) => a - b)
    .map(([partition, offset]) => `${partition}:${offset}`)
    .join(',');
}

/** The last `size` offsets of each partition before the cursor, within what the topic still keeps. */
export function windowRanges(
  topic: string,
  partitions: { partition: number; low: number; high: number }[],
  cursor: Cursor,
  size: number,
): PartitionRange[] {
  return partitions.map(({ partition, low, high }) => {
    const to = Math.max(low, Math.min(high, cursor.get(partition) ?? high));
    return { topic, partition, from: Math.max(low, to - size), to };
  });
}

/**
 * The page: the newest `limit` matching records of the window, and the cursor for older ones. A
 * partition's next page ends just above its newest matching record not shown, or, when all of its
 * matches were shown, at the start of its window; none when every partition is read to its low offset.
 */
export function pageOf(
  records: RecordView[],
  ranges: PartitionRange[],
  partitionsLow: Map<number, number>,
  filter: RecordFilter,
  limit: number,
): { shown: RecordView[]; older?: Cursor } {
  const matching = records.filter((r) => matches(r, filter)).sort(newestFirst);
  const shown = matching.slice(0, limit);
  const older: Cursor = new Map();
  for (const range of ranges) {
    const unshown = matching.slice(limit).filter((r) => r.partition === range.partition);
    older.set(range.partition, unshown.length ? Math.max(...unshown.map((r) => r.offset)) + 1 : range.from);
  }
  const more = [...older].some(([partition, offset]) => offset > (partitionsLow.get(partition) ?? 0));
  return { shown, older: more ? older : undefined };
}
