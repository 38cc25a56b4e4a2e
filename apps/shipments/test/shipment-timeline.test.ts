import {
  createCaller,
  createTestStack,
  startTestService,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { getJson, postJson } from '../../../test/support/bookings';
import { carrierEvent, kinnowTransAfghan } from '../../../test/support/corridor-bookings';
import { shipmentsModule } from './shipments-module';

type Entry = { eventId: string; occurredAt: string };

/**
 * Issue 13, item 7: a shipment's timeline grows with every carrier post (5,000 events made an 885 KB
 * answer). GET /v1/shipments/:id carries the latest 100; /events pages the whole history in
 * occurrence order with keyset cursors, without duplicates or gaps.
 */
describe('shipment timeline, paged', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let shipper: TestCaller;
  let otherShipper: TestCaller;
  let nlc: TestCaller;

  beforeAll(async () => {
    stack = await createTestStack('timeline');
    shipments = await startTestService('shipments', shipmentsModule, { CUSTOMS_GATE: 'false' }, stack);
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    otherShipper = await createCaller(stack, { name: 'Sindh Mango', role: 'shipper' });
    nlc = await createCaller(stack, { name: 'National Logistics Cell', role: 'carrier', carrierCode: 'NLC' });
  });

  afterAll(async () => {
    await shipments?.stop();
    await stack?.dispose();
  });

  const book = async () =>
    (await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowTransAfghan(), shipper)).body.id as string;
  const postBatch = async (events: unknown[]) => {
    const answer = await postJson(`${shipments.baseUrl}/v1/carrier-events/batch`, { events }, nlc);
    expect({ status: answer.status, accepted: answer.body.accepted }).toEqual({ status: 200, accepted: events.length });
  };
  /** Every page of /events with `limit`, in order. */
  const allPages = async (id: string, limit: number) => {
    const pages: Entry[][] = [];
    let cursor: string | null = null;
    do {
      const answer: { status: number; body: { items: Entry[]; nextCursor: string | null } } = await getJson(
        `${shipments.baseUrl}/v1/shipments/${id}/events?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        shipper,
      );
      expect(answer.status).toBe(200);
      expect(answer.body.items.length).toBeLessThanOrEqual(limit);
      pages.push(answer.body.items);
      cursor = answer.body.nextCursor;
      if (pages.length > 300) throw new Error('the cursor does not advance');
    } while (cursor);
    return pages;
  };

  it('answers the latest 100 events with the shipment and pages all history without duplicates or gaps', async () => {
    const id = await book();
    // 230 temperature readings a minute apart, posted out of order, with ties in occurredAt (same minute twice).
    const readings = Array.from({ length: 230 }, (_, i) =>
      carrierEvent(id, 1, 'temperature', Math.floor(i / 2) / 60, { celsius: 6 }),
    );
    const shuffled = [...readings].reverse();
    await postBatch(shuffled.slice(0, 115));
    await postBatch(shuffled.slice(115));

    const pages = await allPages(id, 40);
    expect(pages.map((p) => p.length)).toEqual([40, 40, 40, 40, 40, 30]);
    const history = pages.flat();
    expect(new Set(history.map((e) => e.eventId)).size).toBe(230);
    expect(new Set(history.map((e) => e.eventId))).toEqual(new Set(readings.map((e) => e.eventId)));
    const times = history.map((e) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const { body } = await getJson(`${shipments.baseUrl}/v1/shipments/${id}`, shipper);
    expect(body.events).toHaveLength(100);
    expect(body.eventsTruncated).toBe(true);
    expect(body.eventsHref).toBe(`/v1/shipments/${id}/events`);
    expect(body.events.map((e: Entry) => e.eventId)).toEqual(history.slice(-100).map((e) => e.eventId));
  });

  it('keeps microseconds in the cursor: events within one millisecond are neither repeated nor skipped', async () => {
    const id = await book();
    const at = (micros: string) =>
      carrierEvent(id, 1, 'temperature', 0, { celsius: 5, occurredAt: `2026-11-20T06:00:00.123${micros}Z` });
    const events = [at('456'), at('457'), at('458'), at('459')];
    await postBatch(events);
    const history = (await allPages(id, 1)).flat().map((e) => e.eventId);
    expect(history).toEqual(events.map((e) => e.eventId));
  });

  it('answers a short timeline whole, and another shipper’s timeline 404', async () => {
    const id = await book();
    const events = [carrierEvent(id, 1, 'gate_in', 1), carrierEvent(id, 1, 'departure', 2)];
    await postBatch(events);
    const { body } = await getJson(`${shipments.baseUrl}/v1/shipments/${id}`, shipper);
    expect({ events: body.events.map((e: Entry) => e.eventId), truncated: body.eventsTruncated }).toEqual({
      events: events.map((e) => e.eventId),
      truncated: false,
    });
    expect((await getJson(`${shipments.baseUrl}/v1/shipments/${id}/events`, shipper)).body).toEqual({
      items: body.events,
      nextCursor: null,
    });
    expect((await getJson(`${shipments.baseUrl}/v1/shipments/${id}/events`, otherShipper)).status).toBe(404);
    expect((await getJson(`${shipments.baseUrl}/v1/shipments/${id}/events?limit=501`, shipper)).status).toBe(422);
  });
});
