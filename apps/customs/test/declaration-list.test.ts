import { randomUUID } from 'node:crypto';
import { createCaller, eventually, type RunningService, type TestCaller, type TestStack } from '@lib/testing';
import { getJson, postJson } from '../../../test/support/bookings';
import { bookedEvent } from '../../../test/support/events';
import { query } from '../../../test/support/database';
import { startCustomsHarness, type CustomsHarness } from './customs-harness';

type Item = {
  id: string;
  shipmentId: string;
  crossing: string;
  leg: number;
  status: string;
  requiredDocuments: string[];
};
type ChecklistItem = { document: string; status: string; validUntil?: string; reason?: string };

/**
 * Issue 13, item 7: the declarations list applies visibility in SQL and pages with keyset cursors
 * (it used to read the 500 oldest rows, then filter them in JS); a document that expires before the
 * cargo is at the crossing does not count.
 */
describe('customs: declarations list and document validity', () => {
  let harness: CustomsHarness;
  let stack: TestStack;
  let customs: RunningService;
  let shipper: TestCaller;
  let otherShipper: TestCaller;
  let broker: TestCaller;
  let torkhamOfficer: TestCaller;
  let chamanOfficer: TestCaller;
  let operator: TestCaller;

  beforeAll(async () => {
    harness = await startCustomsHarness('customslist', 'Bhalwal Kinnow');
    ({ stack, customs, shipper, broker, torkhamOfficer, chamanOfficer, operator } = harness);
    otherShipper = await createCaller(stack, { name: 'Sindh Mango', role: 'shipper' });
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const list = (path: string, caller: TestCaller) => getJson(`${customs.baseUrl}/v1/declarations${path}`, caller);
  /** Every page, following nextCursor. */
  const allPages = async (filter: string, limit: number, caller: TestCaller) => {
    const pages: Item[][] = [];
    let cursor: string | null = null;
    do {
      const { status, body } = await list(`?limit=${limit}${filter}${cursor ? `&cursor=${cursor}` : ''}`, caller);
      expect(status).toBe(200);
      pages.push(body.items);
      cursor = body.nextCursor;
      if (pages.length > 100) throw new Error('the cursor does not advance');
    } while (cursor);
    return pages;
  };
  /**
   * `count` declarations straight into the table: one shipment each, groups of four sharing one
   * created_at, many within one millisecond (the cursor must keep microseconds), oldest first.
   */
  const insert = (count: number, shipperId: string, crossing: string, base: string) =>
    query(
      stack,
      `INSERT INTO customs.declarations
         (id, shipment_id, shipper_id, crossing, leg_sequence, status, source_event_id, created_at, updated_at)
       SELECT gen_random_uuid(), gen_random_uuid(), $2, $3, 1, 'PENDING', gen_random_uuid(),
              $4::timestamptz + (i / 4) * interval '3 microseconds', now()
         FROM generate_series(1, $1::int) AS i
       RETURNING id`,
      [count, shipperId, crossing, base],
    ).then((rows) => rows.map((r) => r.id as string));

  describe('list', () => {
    let othersAtTorkham: string[];
    let mineAtTorkham: string[];
    let atChaman: string[];

    beforeAll(async () => {
      // 600 of another shipper at Chaman and 530 at Torkham, all older than the shipper's own 30 at Torkham.
      atChaman = await insert(600, otherShipper.tenantId, 'Chaman', '2026-06-01T00:00:00Z');
      othersAtTorkham = await insert(530, otherShipper.tenantId, 'Torkham', '2026-06-01T00:00:00Z');
      mineAtTorkham = await insert(30, shipper.tenantId, 'Torkham', '2026-06-02T00:00:00Z');
    });

    const ids = (pages: Item[][]) => pages.flat().map((d) => d.id);
    const expectAll = (pages: Item[][], expected: string[]) => {
      const seen = ids(pages);
      expect(seen).toHaveLength(expected.length);
      expect(new Set(seen)).toEqual(new Set(expected));
    };

    it('an officer pages all its crossing’s declarations beyond 500 others, without duplicates or gaps', async () => {
      const pages = await allPages('&crossing=Torkham', 97, torkhamOfficer);
      expectAll(pages, [...othersAtTorkham, ...mineAtTorkham]);
      expect(pages.flat().every((d) => d.crossing === 'Torkham')).toBe(true);
      // Without a filter it sees the same: visibility, not the filter, scopes it.
      expectAll(await allPages('', 200, torkhamOfficer), [...othersAtTorkham, ...mineAtTorkham]);
      // Newest first: the shipper's 30 (booked a day later) lead.
      expect(new Set(pages[0].slice(0, 30).map((d) => d.id))).toEqual(new Set(mineAtTorkham));
    });

    it('another officer sees only its crossing', async () => {
      expectAll(await allPages('', 200, chamanOfficer), atChaman);
    });

    it('a shipper and its broker see the shipper’s own, however many others there are', async () => {
      expectAll(await allPages('&crossing=Torkham', 7, shipper), mineAtTorkham);
      expectAll(await allPages('', 200, broker), mineAtTorkham);
      expectAll(await allPages('', 200, otherShipper), [...atChaman, ...othersAtTorkham]);
    });

    it('an operator sees all, filtered in SQL by status', async () => {
      const first = await list('?limit=200', operator);
      expect(first.body.items).toHaveLength(200);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      expect((await list('?status=CLEARED', operator)).body).toEqual({ items: [], nextCursor: null });
    });

    it('lists a booking’s crossings in route order', async () => {
      const booked = bookedEvent({
        shipperId: shipper.tenantId,
        legs: [
          {
            sequence: 1,
            mode: 'SEA',
            carrier: 'NLC',
            from: { locode: 'PKKHI', name: 'Karachi' },
            to: { locode: 'PKKHI', name: 'Karachi' },
            crossing: 'Port of Karachi',
          },
          {
            sequence: 2,
            mode: 'ROAD',
            carrier: 'NLC',
            from: { locode: 'PKKHI', name: 'Karachi' },
            to: { locode: 'AFKBL', name: 'Kabul' },
            crossing: 'Torkham',
          },
          {
            sequence: 3,
            mode: 'ROAD',
            carrier: 'NLC',
            from: { locode: 'AFKBL', name: 'Kabul' },
            to: { locode: 'UZTER', name: 'Termez' },
            crossing: 'Hairatan–Termez',
          },
        ],
      });
      await harness.publish(booked);
      await eventually(async () => {
        const pages = await allPages(`&shipmentId=${booked.subject}`, 1, shipper);
        expect(pages.flat().map((d) => d.leg)).toEqual([1, 2, 3]);
      });
    });
  });

  describe('document validity', () => {
    const hour = 3600_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const publish = (...events: Parameters<CustomsHarness['publish']>) => harness.publish(...events);
    /** Kinnow (needs a phytosanitary certificate; no green channel) starting at Torkham at `plannedDeparture`. */
    const open = async (plannedDeparture: string) => {
      const booked = bookedEvent({
        shipperId: shipper.tenantId,
        cargo: { commodity: 'kinnow', hsCode: '0805.21', packages: 1200, weightKg: 18000 },
        legs: [
          {
            sequence: 1,
            mode: 'ROAD',
            carrier: 'NLC',
            from: { locode: 'PKTOR', name: 'Torkham' },
            to: { locode: 'AFKBL', name: 'Kabul' },
            crossing: 'Torkham',
            plannedDeparture,
          },
        ],
      });
      await publish(booked);
      const [declaration] = await eventually(async () => {
        const { body } = await list(`?shipmentId=${booked.subject}`, broker);
        expect(body.items).toHaveLength(1);
        return body.items as Item[];
      });
      return { shipmentId: booked.subject, declaration };
    };
    const attach = (id: string, type: string, validUntil?: string) =>
      postJson(
        `${customs.baseUrl}/v1/declarations/${id}/documents`,
        {
          type,
          reference: `${type}-${randomUUID().slice(0, 8)}`,
          issuer: 'issuer',
          ...(validUntil ? { validUntil } : {}),
        },
        broker,
      );
    const get = async (id: string) =>
      (await getJson(`${customs.baseUrl}/v1/declarations/${id}`, broker)).body as Item & {
        missingDocuments: string[];
        checklist: ChecklistItem[];
        reason: string | null;
      };
    const phyto = (d: { checklist: ChecklistItem[] }) =>
      d.checklist.find((c) => c.document === 'phytosanitary_certificate');

    it('a certificate expiring before the cargo is expected is missing, with why; a valid one completes', async () => {
      const expectedAt = Date.now() + 48 * hour;
      const { declaration } = await open(iso(expectedAt));
      for (const type of declaration.requiredDocuments.filter((t) => t !== 'phytosanitary_certificate'))
        expect((await attach(declaration.id, type)).status).toBe(200);
      const expiring = iso(expectedAt - 24 * hour);
      expect((await attach(declaration.id, 'phytosanitary_certificate', expiring)).status).toBe(200);

      const incomplete = await get(declaration.id);
      expect(incomplete.status).toBe('PENDING');
      expect(incomplete.missingDocuments).toEqual(['phytosanitary_certificate']);
      expect(phyto(incomplete)).toEqual({
        document: 'phytosanitary_certificate',
        status: 'expired',
        validUntil: expiring,
        reason: expect.stringContaining('before the cargo is expected at the crossing'),
      });

      const valid = iso(expectedAt + 24 * hour);
      expect((await attach(declaration.id, 'phytosanitary_certificate', valid)).status).toBe(200);
      const complete = await get(declaration.id);
      expect({ status: complete.status, missing: complete.missingDocuments, phyto: phyto(complete) }).toEqual({
        status: 'DOCUMENTS_COMPLETE',
        missing: [],
        phyto: { document: 'phytosanitary_certificate', status: 'attached', validUntil: valid },
      });
    });

    it('holds cargo whose certificate expired before arrival, refuses to clear, clears with a valid one', async () => {
      const now = Date.now();
      const { shipmentId, declaration } = await open(iso(now - 48 * hour));
      for (const type of declaration.requiredDocuments.filter((t) => t !== 'phytosanitary_certificate'))
        expect((await attach(declaration.id, type)).status).toBe(200);
      const expired = iso(now - 2 * hour);
      expect((await attach(declaration.id, 'phytosanitary_certificate', expired)).status).toBe(200);

      const arrivedAt = iso(now - hour);
      await publish({
        id: randomUUID(),
        type: 'shipment.border.reached',
        source: '/shipments',
        subject: shipmentId,
        time: arrivedAt,
        data: {
          shipmentId,
          shipperId: shipper.tenantId,
          legSequence: 1,
          carrier: 'NLC',
          crossing: 'Torkham',
          location: { name: 'Torkham' },
          occurredAt: arrivedAt,
          acceptedAt: arrivedAt,
        },
      });
      const held = await eventually(async () => {
        const d = await get(declaration.id);
        expect(d.status).toBe('HELD');
        return d;
      });
      expect(held.reason).toBe(`documents missing: phytosanitary_certificate (expired ${expired})`);
      expect(phyto(held)).toMatchObject({
        status: 'expired',
        reason: expect.stringContaining('before the cargo arrived at the crossing'),
      });
      const missing = await query(
        stack,
        `SELECT payload FROM customs.outbox WHERE subject = $1 AND event_type = 'customs.documents.missing'`,
        [shipmentId],
      );
      expect(missing.map((r) => r.payload.missing)).toEqual([['phytosanitary_certificate']]);

      const refused = await postJson(`${customs.baseUrl}/v1/declarations/${declaration.id}/clear`, {}, torkhamOfficer);
      expect(refused).toMatchObject({
        status: 409,
        body: { code: 'DOCUMENTS_MISSING', detail: expect.stringContaining('phytosanitary_certificate (expired') },
      });

      // Valid when the cargo arrived, though expired since: that is what customs checks.
      expect((await attach(declaration.id, 'phytosanitary_certificate', iso(now - hour / 2))).status).toBe(200);
      const cleared = await postJson(`${customs.baseUrl}/v1/declarations/${declaration.id}/clear`, {}, torkhamOfficer);
      expect(cleared).toMatchObject({ status: 200, body: { status: 'CLEARED', missingDocuments: [] } });
    });
  });
});
