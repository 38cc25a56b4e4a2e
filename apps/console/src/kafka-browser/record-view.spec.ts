import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { ReadRecord } from '@lib/messaging';
import {
  formatCursor,
  matches,
  newestFirst,
  oldestFirst,
  pageOf,
  parseCursor,
  prettyPayload,
  recordView,
  windowRanges,
  type RecordView,
} from './record-view';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

function readRecord(
  overrides: {
    partition?: number;
    offset?: number;
    timestamp?: number;
    headers?: Record<string, string>;
    value?: string | null;
    key?: string;
  } = {},
): ReadRecord {
  const headers = overrides.headers ?? {
    ce_id: 'e1',
    ce_type: 'shipment.booked',
    ce_source: '/shipments',
    ce_subject: 'shp-1',
    ce_time: '2026-11-30T10:00:00.000Z',
    traceparent: `00-${TRACE}-00f067aa0ba902b7-01`,
  };
  const message = {
    key: Buffer.from(overrides.key ?? 'shp-1'),
    value: overrides.value === null ? null : Buffer.from(overrides.value ?? '{"shipmentId":"shp-1","weightKg":12}'),
    timestamp: String(overrides.timestamp ?? 1_700_000_000_000),
    offset: String(overrides.offset ?? 0),
    attributes: 0,
    size: 0,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)])) as IHeaders,
  };
  return {
    topic: 'shipments.events.v1',
    partition: overrides.partition ?? 0,
    message: message as unknown as KafkaMessage,
  };
}

const view = (overrides: Partial<RecordView>): RecordView => ({ ...recordView(readRecord()), ...overrides });

describe('record view', () => {
  it('decodes the CloudEvents headers and the trace id, and indents a JSON payload', () => {
    const r = recordView(readRecord());
    expect(r).toMatchObject({
      eventId: 'e1',
      eventType: 'shipment.booked',
      source: '/shipments',
      subject: 'shp-1',
      time: '2026-11-30T10:00:00.000Z',
      traceId: TRACE,
      key: 'shp-1',
      offset: 0,
    });
    expect(r.headers.ce_type).toBe('shipment.booked');
    expect(r.payload).toBe('{\n  "shipmentId": "shp-1",\n  "weightKg": 12\n}');
  });

  it('keeps a payload that is not JSON as its text, and an absent one as empty', () => {
    expect(prettyPayload('not json <b>')).toBe('not json <b>');
    expect(prettyPayload(null)).toBe('');
    expect(recordView(readRecord({ headers: {}, value: null })).traceId).toBeUndefined();
  });

  it('filters by type, subject (or key) and trace id, exactly', () => {
    const r = recordView(readRecord());
    expect(matches(r, {})).toBe(true);
    expect(matches(r, { type: 'shipment.booked', subject: 'shp-1', traceId: TRACE.toUpperCase() })).toBe(true);
    expect(matches(r, { type: 'shipment.booke' })).toBe(false);
    expect(matches(r, { subject: 'shp-2' })).toBe(false);
    expect(matches(recordView(readRecord({ headers: {}, key: 'shp-9' })), { subject: 'shp-9' })).toBe(true);
    expect(matches(r, { traceId: '0'.repeat(32) })).toBe(false);
  });

  it('orders pages newest first and a shipment’s facts by ce_time', () => {
    const a = view({ timestamp: 1, offset: 1, time: '2026-11-30T10:00:02Z' });
    const b = view({ timestamp: 2, offset: 2, time: '2026-11-30T10:00:01Z' });
    expect([a, b].sort(newestFirst)).toEqual([b, a]);
    expect([a, b].sort(oldestFirst)).toEqual([b, a]);
  });

  it('reads and writes cursors, ignoring what is malformed', () => {
    expect(formatCursor(parseCursor('1:87, 0:120,x:3,2:'))).toBe('0:120,1:87');
    expect(parseCursor(undefined).size).toBe(0);
  });

  it('windows each partition before its cursor, within the offsets kept', () => {
    const partitions = [
      { partition: 0, low: 0, high: 120 },
      { partition: 1, low: 30, high: 40 },
    ];
    expect(windowRanges('t', partitions, new Map(), 50)).toEqual([
      { topic: 't', partition: 0, from: 70, to: 120 },
      { topic: 't', partition: 1, from: 30, to: 40 },
    ]);
    expect(
      windowRanges(
        't',
        partitions,
        new Map([
          [0, 60],
          [1, 10],
        ]),
        50,
      ),
    ).toEqual([
      { topic: 't', partition: 0, from: 10, to: 60 },
      { topic: 't', partition: 1, from: 30, to: 30 },
    ]);
  });

  it('pages the newest matches and continues older from the newest one not shown', () => {
    const ranges = [
      { topic: 't', partition: 0, from: 10, to: 14 },
      { topic: 't', partition: 1, from: 0, to: 2 },
    ];
    const records = [
      ...[10, 11, 12, 13].map((offset) => view({ partition: 0, offset, timestamp: offset * 10 })),
      ...[0, 1].map((offset) => view({ partition: 1, offset, timestamp: 105 + offset * 20 })),
    ];
    const low = new Map([
      [0, 0],
      [1, 0],
    ]);
    const { shown, older } = pageOf(records, ranges, low, {}, 3);
    expect(shown.map((r) => `${r.partition}:${r.offset}`)).toEqual(['0:13', '1:1', '0:12']);
    // p0's 11 and p1's 0 were read but not shown: the next page ends just above them.
    expect(formatCursor(older!)).toBe('0:12,1:1');

    const all = pageOf(records, ranges, low, {}, 10);
    expect(all.shown).toHaveLength(6);
    expect(formatCursor(all.older!)).toBe('0:10,1:0');
    expect(
      pageOf(
        records,
        ranges,
        new Map([
          [0, 10],
          [1, 0],
        ]),
        {},
        10,
      ).older,
    ).toBeUndefined();
    expect(pageOf(records, ranges, low, { subject: 'nobody' }, 3).shown).toEqual([]);
  });
});
