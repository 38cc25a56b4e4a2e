import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@lib/database';
import { IdentityStore } from '@lib/identity';
import {
  createCaller,
  createTestStack,
  eventually,
  startTestService,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { getJson, kinnowByAir, postJson } from '../support/bookings';
import { modules } from '../support/system';

type Who =
  | 'shipperA'
  | 'shipperB'
  | 'carrierOnRoute'
  | 'carrierElsewhere'
  | 'brokerForA'
  | 'brokerForOthers'
  | 'officerOnRoute'
  | 'officerElsewhere'
  | 'operator';

/**
 * Each role × each endpoint: allowed, 403 for a role the endpoint does not serve, 404 / nothing for
 * another tenant's data.
 */
describe('access: API keys, roles and tenants on every endpoint', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let customs: RunningService;
  let notifications: RunningService;
  const callers = {} as Record<Who, TestCaller>;
  let shipmentId: string;

  beforeAll(async () => {
    stack = await createTestStack('access');
    // A short cache so the revocation test runs in seconds; production keeps the 30 s bound.
    const env = { API_KEY_CACHE_TTL_MS: '1000' };
    [shipments, customs, notifications] = await Promise.all([
      startTestService('shipments', modules.shipments, env, stack),
      startTestService('customs', modules.customs, env, stack),
      startTestService('notifications', modules.notifications, env, stack),
    ]);
    callers.shipperA = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    callers.shipperB = await createCaller(stack, { name: 'Sindh Mango', role: 'shipper' });
    callers.carrierOnRoute = await createCaller(stack, { name: 'SCAT Airlines', role: 'carrier', carrierCode: 'SCAT' });
    callers.carrierElsewhere = await createCaller(stack, { name: 'KTZ Express', role: 'carrier', carrierCode: 'KTZE' });
    callers.brokerForA = await createCaller(stack, {
      name: 'Lahore Clearing',
      role: 'customs_broker',
      actsFor: [callers.shipperA.tenantId],
    });
    callers.brokerForOthers = await createCaller(stack, {
      name: 'Quetta Clearing',
      role: 'customs_broker',
      actsFor: [callers.shipperB.tenantId],
    });
    callers.officerOnRoute = await createCaller(stack, {
      name: 'Lahore airport customs',
      role: 'customs_officer',
      crossing: 'Lahore airport customs',
    });
    callers.officerElsewhere = await createCaller(stack, {
      name: 'Torkham customs',
      role: 'customs_officer',
      crossing: 'Torkham',
    });
    callers.operator = await createCaller(stack, { name: 'Control room', role: 'operator' });

    const booked = await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowByAir(), callers.shipperA);
    expect(booked.status).toBe(201);
    shipmentId = booked.body.id;
    await eventually(async () => {
      expect(
        (await getJson(`${customs.baseUrl}/v1/declarations?shipmentId=${shipmentId}`, callers.operator)).body.items,
      ).toHaveLength(1);
      // The booking and the declaration customs opened for it.
      expect(
        (await getJson(`${notifications.baseUrl}/v1/notifications?shipmentId=${shipmentId}`, callers.operator)).body
          .items,
      ).toHaveLength(2);
    });
  });

  afterAll(async () => {
    await Promise.all([shipments, customs, notifications].map((s) => s?.stop()));
    await stack?.dispose();
  });

  describe('POST /v1/shipments (shipments)', () => {
    it.each<[Who, number]>([
      ['shipperA', 201],
      ['carrierOnRoute', 403],
      ['brokerForA', 403],
      ['officerOnRoute', 403],
      ['operator', 403],
    ])('%s → %i', async (who, status) => {
      const response = await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowByAir(), callers[who]);
      expect(response.status).toBe(status);
      if (status === 403)
        expect(response.body).toMatchObject({
          status: 403,
          title: 'Forbidden',
          detail: expect.stringContaining('may not call'),
        });
    });
  });

  describe('GET /v1/shipments/:id (shipments)', () => {
    it.each<[Who, number]>([
      ['shipperA', 200],
      ['shipperB', 404],
      ['carrierOnRoute', 200],
      ['carrierElsewhere', 404],
      ['brokerForA', 200],
      ['brokerForOthers', 404],
      ['officerOnRoute', 200],
      ['officerElsewhere', 404],
      ['operator', 200],
    ])('%s → %i', async (who, status) => {
      const response = await getJson(`${shipments.baseUrl}/v1/shipments/${shipmentId}`, callers[who]);
      expect(response.status).toBe(status);
    });
  });

  describe('GET /v1/shipments (shipments): everyone lists what they may see', () => {
    it.each<[Who, boolean]>([
      ['shipperA', true],
      ['shipperB', false],
      ['carrierOnRoute', true],
      ['carrierElsewhere', false],
      ['brokerForA', true],
      ['brokerForOthers', false],
      ['officerOnRoute', true],
      ['officerElsewhere', false],
      ['operator', true],
    ])('%s sees the shipment: %s', async (who, visible) => {
      const response = await getJson(`${shipments.baseUrl}/v1/shipments?limit=200`, callers[who]);
      expect(response.status).toBe(200);
      expect(response.body.items.some((s: { id: string }) => s.id === shipmentId)).toBe(visible);
    });
  });

  describe('POST /v1/carrier-events and /batch (shipments): carriers only', () => {
    it.each<Who>(['shipperA', 'brokerForA', 'officerOnRoute', 'operator'])('%s → 403', async (who) => {
      const event = {
        eventId: `acc-${who}`,
        shipmentId,
        leg: 1,
        kind: 'departure',
        occurredAt: '2026-11-20T00:00:00Z',
      };
      await expect(postJson(`${shipments.baseUrl}/v1/carrier-events`, event, callers[who])).resolves.toMatchObject({
        status: 403,
      });
      await expect(
        postJson(`${shipments.baseUrl}/v1/carrier-events/batch`, { events: [event] }, callers[who]),
      ).resolves.toMatchObject({ status: 403 });
    });

    it('a carrier not on the route is told the shipment does not exist (404)', async () => {
      const event = { eventId: 'acc-ktz', shipmentId, leg: 1, kind: 'departure', occurredAt: '2026-11-20T00:00:00Z' };
      await expect(
        postJson(`${shipments.baseUrl}/v1/carrier-events`, event, callers.carrierElsewhere),
      ).resolves.toMatchObject({ status: 404 });
    });
  });

  describe('POST /v1/shipments/:id/cancel (shipments)', () => {
    it.each<[Who, number]>([
      ['carrierOnRoute', 403],
      ['brokerForA', 403],
      ['officerOnRoute', 403],
      ['shipperB', 404],
    ])('%s → %i', async (who, status) => {
      await expect(
        postJson(`${shipments.baseUrl}/v1/shipments/${shipmentId}/cancel`, {}, callers[who]),
      ).resolves.toMatchObject({ status });
    });
  });

  describe('GET /v1/declarations (customs)', () => {
    it.each<[Who, number, number]>([
      ['shipperA', 200, 1],
      ['shipperB', 200, 0],
      ['brokerForA', 200, 1],
      ['brokerForOthers', 200, 0],
      ['officerOnRoute', 200, 1],
      ['officerElsewhere', 200, 0],
      ['operator', 200, 1],
      ['carrierOnRoute', 403, 0],
    ])('%s → %i with %i item(s)', async (who, status, items) => {
      const response = await getJson(`${customs.baseUrl}/v1/declarations?shipmentId=${shipmentId}`, callers[who]);
      expect(response.status).toBe(status);
      if (status === 200) expect(response.body.items).toHaveLength(items);
    });
  });

  describe('GET /v1/notifications (notifications)', () => {
    it.each<[Who, number, number]>([
      ['shipperA', 200, 2],
      ['shipperB', 200, 0],
      ['brokerForA', 200, 2],
      ['operator', 200, 2],
      ['carrierOnRoute', 403, 0],
      ['officerOnRoute', 403, 0],
    ])('%s → %i with %i item(s)', async (who, status, items) => {
      const response = await getJson(
        `${notifications.baseUrl}/v1/notifications?shipmentId=${shipmentId}`,
        callers[who],
      );
      expect(response.status).toBe(status);
      if (status === 200) expect(response.body.items).toHaveLength(items);
    });
  });

  it.each([
    ['no Authorization header', undefined],
    ['a malformed header', 'Bearer nonsense'],
    ['an unknown key', 'Bearer key_0000000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ])('answers %s with 401 problem+json and WWW-Authenticate on every service', async (_, authorization) => {
    for (const url of [
      `${shipments.baseUrl}/v1/shipments/${shipmentId}`,
      `${customs.baseUrl}/v1/declarations?shipmentId=${shipmentId}`,
      `${notifications.baseUrl}/v1/notifications?shipmentId=${shipmentId}`,
    ]) {
      const response = await fetch(url, { headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      await expect(response.json()).resolves.toMatchObject({ type: 'about:blank', title: 'Unauthorized', status: 401 });
    }
  });

  it('refuses a right key id with a wrong secret', async () => {
    const [keyId] = callers.operator.authorization.slice('Bearer '.length).split('.');
    const response = await getJson(`${shipments.baseUrl}/v1/shipments/${shipmentId}`, {
      authorization: `Bearer ${keyId}.${'B'.repeat(43)}`,
    });
    expect(response.status).toBe(401);
  });

  it('stops honouring a revoked key within the cache bound', async () => {
    const victim = await createCaller(stack, { name: 'Short-lived', role: 'operator' });
    expect((await getJson(`${shipments.baseUrl}/v1/shipments/${shipmentId}`, victim)).status).toBe(200);
    const dataSource = await new DataSource(
      dataSourceOptions({ url: stack.database.url, schema: 'identity', migrations: [], poolSize: 1 }),
    ).initialize();
    try {
      await expect(new IdentityStore(dataSource).revoke(victim.keyId)).resolves.toBe(true);
    } finally {
      await dataSource.destroy();
    }
    const revokedAt = Date.now();
    await eventually(
      async () => expect((await getJson(`${shipments.baseUrl}/v1/shipments/${shipmentId}`, victim)).status).toBe(401),
      {
        timeoutMs: 5_000,
      },
    );
    expect(Date.now() - revokedAt).toBeLessThan(3_000);
  });

  it('keeps health probes open without a key', async () => {
    expect((await fetch(`${shipments.baseUrl}/health/live`)).status).toBe(200);
  });
});
