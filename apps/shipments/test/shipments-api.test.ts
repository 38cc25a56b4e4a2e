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
import { query } from '../../../test/support/database';
import { shipmentsModule } from './shipments-module';

/** Shippers' side of the shipments API: list with filters and cursors, cancel. */
describe('shipments API: list and cancel', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let shipper: TestCaller;
  let other: TestCaller;
  let nlc: TestCaller;
  const base = () => `${shipments.baseUrl}/v1/shipments`;

  beforeAll(async () => {
    stack = await createTestStack('shipapi');
    shipments = await startTestService('shipments', shipmentsModule, {}, stack);
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    other = await createCaller(stack, { name: 'Sindh Mango', role: 'shipper' });
    nlc = await createCaller(stack, { name: 'National Logistics Cell', role: 'carrier', carrierCode: 'NLC' });
  });

  afterAll(async () => {
    await shipments?.stop();
    await stack?.dispose();
  });

  it('lists only the caller’s shipments, newest first, page by page, with filters', async () => {
    const mine: string[] = [];
    for (let i = 0; i < 5; i++)
      mine.push(
        (await postJson(base(), kinnowTransAfghan({ corridor: i % 2 ? 'trans-afghan' : 'other' }), shipper)).body.id,
      );
    await postJson(base(), kinnowTransAfghan(), other);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await getJson(
        `${base()}?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        shipper,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((s) => s.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...mine].reverse());

    const filtered = await getJson(`${base()}?corridor=trans-afghan`, shipper);
    expect(filtered.body.items).toHaveLength(2);
    const first = (await getJson(`${base()}/${mine[0]}`, shipper)).body;
    const byNumber = await getJson(`${base()}?trackingNumber=${first.trackingNumber.toLowerCase()}`, shipper);
    expect(byNumber.body.items.map((s: { id: string }) => s.id)).toEqual([mine[0]]);
    // Another tenant's tracking number finds nothing; a malformed one is refused.
    await expect(getJson(`${base()}?trackingNumber=${first.trackingNumber}`, other)).resolves.toMatchObject({
      status: 200,
      body: { items: [] },
    });
    await expect(getJson(`${base()}?trackingNumber=KZPK-1`, shipper)).resolves.toMatchObject({ status: 422 });
    await post(nlc, carrierEvent(mine[0], 1, 'departure', 1));
    const moving = await getJson(`${base()}?status=IN_TRANSIT`, shipper);
    expect(moving.body.items.map((s: { id: string }) => s.id)).toEqual([mine[0]]);
    const carrierView = await getJson(`${base()}?limit=200`, nlc);
    expect(carrierView.body.items.length).toBeGreaterThanOrEqual(6);
  });

  it('refuses a forged cursor and a bad filter with 422', async () => {
    await expect(getJson(`${base()}?cursor=forged`, shipper)).resolves.toMatchObject({ status: 422 });
    await expect(getJson(`${base()}?status=LOST`, shipper)).resolves.toMatchObject({ status: 422 });
    await expect(getJson(`${base()}?limit=5000`, shipper)).resolves.toMatchObject({ status: 422 });
  });

  it('cancels a shipment that has not moved, once, and publishes shipment.cancelled', async () => {
    const id = (await postJson(base(), kinnowTransAfghan(), shipper)).body.id;
    const cancelled = await postJson(`${base()}/${id}/cancel`, { reason: 'order withdrawn' }, shipper);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    await expect(postJson(`${base()}/${id}/cancel`, {}, shipper)).resolves.toMatchObject({
      status: 409,
      body: { code: 'ALREADY_CANCELLED' },
    });
    await expect(post(nlc, carrierEvent(id, 1, 'departure', 1))).resolves.toMatchObject({
      status: 409,
      body: { code: 'SHIPMENT_CANCELLED' },
    });
    const types = await query(stack, 'SELECT event_type FROM shipments.outbox WHERE subject = $1 ORDER BY seq', [id]);
    expect(types.map((r) => r.event_type)).toEqual(['shipment.booked', 'shipment.cancelled']);
  });

  it('refuses to cancel a shipment in transit (409) or another shipper’s (404)', async () => {
    const id = (await postJson(base(), kinnowTransAfghan(), shipper)).body.id;
    await expect(postJson(`${base()}/${id}/cancel`, {}, other)).resolves.toMatchObject({ status: 404 });
    await post(nlc, carrierEvent(id, 1, 'departure', 1));
    await expect(postJson(`${base()}/${id}/cancel`, {}, shipper)).resolves.toMatchObject({
      status: 409,
      body: { code: 'ALREADY_IN_TRANSIT' },
    });
  });

  const post = (caller: TestCaller, body: unknown) => postJson(`${shipments.baseUrl}/v1/carrier-events`, body, caller);
});
