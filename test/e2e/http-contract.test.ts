import { createHash } from 'node:crypto';
import { createCaller, createTestStack, startTestService, type RunningService, type TestCaller, type TestStack } from '@lib/testing';
import { kinnowByAir, postJson } from '../support/bookings';
import { modules, query } from '../support/system';

/** The HTTP contract of CONVENTIONS.md on a real service: idempotency keys, limits, problem+json. */
describe('HTTP contract: idempotency, limits and error shapes', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let shipper: TestCaller;
  let otherShipper: TestCaller;
  const url = () => `${shipments.baseUrl}/v1/shipments`;

  beforeAll(async () => {
    stack = await createTestStack('contract');
    shipments = await startTestService('shipments', modules.shipments, { RATE_LIMIT_MAX: '25' }, stack);
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
      const rows = await query(stack, 'SELECT count(*)::int AS n FROM shipments.outbox WHERE subject = $1', [first.body.id]);
      expect(rows[0].n).toBe(1);
    });

    it('answers the same key with a different body with 422', async () => {
      await postJson(url(), kinnowByAir(), shipper, { 'idempotency-key': 'booking-0002' });
      const changed = await postJson(url(), kinnowByAir({ consignee: 'Someone else' }), shipper, { 'idempotency-key': 'booking-0002' });
      expect(changed.status).toBe(422);
      expect(changed.body.errors).toEqual([{ field: 'Idempotency-Key', reason: expect.stringContaining('different request') }]);
    });

    it('answers 409 while the first request with that key is still in flight', async () => {
      const body = kinnowByAir();
      const hash = createHash('sha256').update(`POST /v1/shipments\n${JSON.stringify(body)}`).digest('hex');
      await query(stack, `INSERT INTO shipments.idempotency_keys (caller, key, request_hash, state) VALUES ($1, 'booking-0003', $2, 'in_flight')`, [
        shipper.tenantId,
        hash,
      ]);
      const response = await postJson(url(), body, shipper, { 'idempotency-key': 'booking-0003' });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ status: 409, code: 'IDEMPOTENCY_KEY_IN_FLIGHT' });
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
      const response = await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json', authorization: shipper.authorization }, body: deep });
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      await expect(response.json()).resolves.toMatchObject({ status: 422, detail: expect.stringContaining('deeper than 32') });
    });

    it('answers a flood from one key with 429 problem+json while other keys go on', async () => {
      const flooder = await createCaller(stack, { name: 'Noisy', role: 'operator' });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) {
        const response = await fetch(`${url()}/6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11`, { headers: { authorization: flooder.authorization } });
        statuses.push(response.status);
        if (response.status === 429) {
          expect(response.headers.get('content-type')).toContain('application/problem+json');
          await expect(response.json()).resolves.toMatchObject({ status: 429, title: 'Too many requests' });
          break;
        }
      }
      expect(statuses).toContain(429);
      expect(statuses.filter((s) => s === 404).length).toBeGreaterThanOrEqual(20);
      const bystander = await fetch(`${url()}/6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11`, { headers: { authorization: otherShipper.authorization } });
      expect(bystander.status).toBe(404);
    });
  });
});
