import { Client } from 'pg';
import {
  createCaller,
  createTestStack,
  startTestService,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { kinnowByAir, postJson } from '../../../test/support/bookings';
import { query } from '../../../test/support/database';
import { shipmentsModule } from './shipments-module';

/** The HTTP contract of CONVENTIONS.md on a real service: idempotency keys, limits, problem+json. */
describe('HTTP contract: idempotency, limits and error shapes', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let shipper: TestCaller;
  let otherShipper: TestCaller;
  const url = () => `${shipments.baseUrl}/v1/shipments`;

  beforeAll(async () => {
    stack = await createTestStack('contract');
    shipments = await startTestService('shipments', shipmentsModule, { RATE_LIMIT_MAX: '25' }, stack);
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    otherShipper = await createCaller(stack, { name: 'Sindh Mango', role: 'shipper' });
  });

  afterAll(async () => {
    await shipments?.stop();
    await stack?.dispose();
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer for the same key and body, and books once', async () => {
      const body = kinnowByAir();
      const first = await postJson(url(), body, shipper, { 'idempotency-key': 'booking-0001' });
      const again = await postJson(url(), body, shipper, { 'idempotency-key': 'booking-0001' });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const rows = await query(stack, 'SELECT count(*)::int AS n FROM shipments.outbox WHERE subject = $1', [
        first.body.id,
      ]);
      expect(rows[0].n).toBe(1);
    });

    it('answers the same key with a different body with 422', async () => {
      await postJson(url(), kinnowByAir(), shipper, { 'idempotency-key': 'booking-0002' });
      const changed = await postJson(url(), kinnowByAir({ consignee: 'Someone else' }), shipper, {
        'idempotency-key': 'booking-0002',
      });
      expect(changed.status).toBe(422);
      expect(changed.body.errors).toEqual([
        { field: 'Idempotency-Key', reason: expect.stringContaining('different request') },
      ]);
    });

    it('answers 409 while the first request with that key is still in flight', async () => {
      // The request in flight holds the key's advisory lock until its transaction ends; stand in for it.
      const holder = new Client({ connectionString: stack.database.url });
      await holder.connect();
      try {
        await holder.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [
          `idempotency:shipments:${shipper.tenantId}:booking-0003`,
        ]);
        const response = await postJson(url(), kinnowByAir(), shipper, { 'idempotency-key': 'booking-0003' });
        expect(response.status).toBe(409);
        expect(response.body).toMatchObject({ status: 409, code: 'IDEMPOTENCY_KEY_IN_FLIGHT' });
      } finally {
        await holder.end();
      }
      // Once the first is gone (committed or crashed), the key is free again.
      expect((await postJson(url(), kinnowByAir(), shipper, { 'idempotency-key': 'booking-0003' })).status).toBe(201);
    });

    it('lets only one of many concurrent requests with the same key take effect', async () => {
      const body = kinnowByAir({ consignee: 'Concurrent Fruit LLP' });
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => postJson(url(), body, shipper, { 'idempotency-key': 'booking-0006' })),
      );
      const created = answers.filter((a) => a.status === 201);
      expect(
        answers.every((a) => a.status === 201 || (a.status === 409 && a.body.code === 'IDEMPOTENCY_KEY_IN_FLIGHT')),
      ).toBe(true);
      expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
      const rows = await query(
        stack,
        `SELECT count(*)::int AS n FROM shipments.shipments WHERE consignee = 'Concurrent Fruit LLP'`,
      );
      expect(rows[0].n).toBe(1);
    });

    it('covers the path as called: the same key on another shipment is 422, and that one stays booked', async () => {
      const [a, b] = [
        (await postJson(url(), kinnowByAir(), shipper)).body.id,
        (await postJson(url(), kinnowByAir(), shipper)).body.id,
      ];
      expect((await postJson(`${url()}/${a}/cancel`, {}, shipper, { 'idempotency-key': 'cancel-0001' })).status).toBe(
        200,
      );
      const other = await postJson(`${url()}/${b}/cancel`, {}, shipper, { 'idempotency-key': 'cancel-0001' });
      expect(other.status).toBe(422);
      expect(other.body.errors).toEqual([
        { field: 'Idempotency-Key', reason: expect.stringContaining('different request') },
      ]);
      const [row] = await query(stack, 'SELECT status FROM shipments.shipments WHERE id = $1', [b]);
      expect(row.status).toBe('BOOKED');
    });

    it('scopes keys to the caller: another shipper with the same key gets its own booking', async () => {
      const body = kinnowByAir();
      const mine = await postJson(url(), body, shipper, { 'idempotency-key': 'booking-0004' });
      const theirs = await postJson(url(), body, otherShipper, { 'idempotency-key': 'booking-0004' });
      expect(theirs.status).toBe(201);
      expect(theirs.body.id).not.toBe(mine.body.id);
      expect(theirs.body.shipperId).toBe(otherShipper.tenantId);
    });

    it('releases the key when the request fails, so a corrected retry is not blocked', async () => {
      const bad = await postJson(url(), kinnowByAir({ legs: [] }), shipper, { 'idempotency-key': 'booking-0005' });
      expect(bad.status).toBe(422);
      const good = await postJson(url(), kinnowByAir(), shipper, { 'idempotency-key': 'booking-0005' });
      expect(good.status).toBe(201);
    });
  });

  describe('limits', () => {
    it('answers a 2 MB body with 413 problem+json', async () => {
      const huge = kinnowByAir({ consignee: 'x'.repeat(2 * 1024 * 1024) });
      const response = await postJson(url(), huge, shipper);
      expect(response.status).toBe(413);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 413, title: 'Payload too large' });
    });

    it('refuses JSON nested deeper than 32 levels', async () => {
      const deep = `${'{"cargo":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
      const response = await fetch(url(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: shipper.authorization },
        body: deep,
      });
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      await expect(response.json()).resolves.toMatchObject({
        status: 422,
        detail: expect.stringContaining('deeper than 32'),
      });
    });

    it('answers a flood from one key with 429 problem+json while other keys go on', async () => {
      const flooder = await createCaller(stack, { name: 'Noisy', role: 'operator' });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) {
        const response = await fetch(`${url()}/6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11`, {
          headers: { authorization: flooder.authorization },
        });
        statuses.push(response.status);
        if (response.status === 429) {
          expect(response.headers.get('content-type')).toContain('application/problem+json');
          await expect(response.json()).resolves.toMatchObject({ status: 429, title: 'Too many requests' });
          break;
        }
      }
      expect(statuses).toContain(429);
      expect(statuses.filter((s) => s === 404).length).toBeGreaterThanOrEqual(20);
      const bystander = await fetch(`${url()}/6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11`, {
        headers: { authorization: otherShipper.authorization },
      });
      expect(bystander.status).toBe(404);
    });
  });
});
