import { request } from 'node:http';
import { ApiKeyAuthenticator, IdentityStore, newKeyId, newSecret, REFUSED_KEY_TTL_MS } from '@lib/identity';
import {
  createCaller,
  createTestStack,
  eventually,
  startTestService,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { query } from '../../../test/support/database';
import { shipmentsModule } from './shipments-module';

const KEY_MAX = 20;
const AUTH_FAILURES_MAX = 5;
const MISSING_SHIPMENT = '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11';

/** A GET sent from a chosen loopback address (all of 127/8 is local), so a test can be another client address. */
function getFrom(url: string, from: string, authorization?: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { localAddress: from, agent: false, headers: authorization ? { authorization } : {} },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const headers = new Headers();
          for (let i = 0; i < incoming.rawHeaders.length; i += 2)
            headers.append(incoming.rawHeaders[i], incoming.rawHeaders[i + 1]);
          resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode, headers }));
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/**
 * The rate limit counts what was proven, not what a header claims: a verified key has its own
 * budget (shared by all instances through Redis), requests without a valid key share a smaller one
 * per client address, and made-up key ids do not each cost a Postgres lookup.
 */
describe('rate limits: per verified key, and per address for failed authentications', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let secondInstance: RunningService;
  let carrier: TestCaller;
  const get = (
    authorization?: string,
    service = shipments,
    path = `/v1/shipments/${MISSING_SHIPMENT}`,
    from = '127.0.0.1',
  ) => getFrom(`${service.baseUrl}${path}`, from, authorization);

  beforeAll(async () => {
    stack = await createTestStack('ratelimit');
    const env = {
      RATE_LIMIT_MAX: String(KEY_MAX),
      RATE_LIMIT_AUTH_FAILURES_MAX: String(AUTH_FAILURES_MAX),
      RATE_LIMIT_WINDOW_MS: '60000',
    };
    [shipments, secondInstance] = await Promise.all([
      startTestService('shipments', shipmentsModule, env, stack),
      startTestService('shipments', shipmentsModule, env, stack),
    ]);
    carrier = await createCaller(stack, { name: 'National Logistics Cell', role: 'carrier', carrierCode: 'NLC' });
  });

  afterAll(async () => {
    await Promise.all([shipments, secondInstance].map((s) => s?.stop()));
    await stack?.dispose();
  });

  it("does not let junk secrets for a known key id spend that key's budget; they are limited per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < KEY_MAX * 3; i++) statuses.push((await get(`Bearer ${carrier.keyId}.${newSecret()}`)).status);
    expect(statuses.slice(0, AUTH_FAILURES_MAX)).toEqual(Array(AUTH_FAILURES_MAX).fill(401));
    expect(new Set(statuses.slice(AUTH_FAILURES_MAX))).toEqual(new Set([429]));

    const limited = await get(`Bearer ${carrier.keyId}.${newSecret()}`);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    await expect(limited.json()).resolves.toMatchObject({
      status: 429,
      detail: expect.stringContaining('without a valid API key from this address'),
    });
    // Missing and malformed credentials from that address are on the same (spent) budget.
    expect((await get()).status).toBe(429);
    expect((await get('Bearer nonsense')).status).toBe(429);

    // The carrier, from the same address, is untouched: its key has its whole budget.
    const real = await get(carrier.authorization);
    expect(real.status).toBe(404);
    expect(Number(real.headers.get('x-ratelimit-remaining'))).toBe(KEY_MAX - 1);
  });

  it('does not let requests without a key (public tracking pages) lock out a real key from that address', async () => {
    const office = '127.0.0.31';
    for (let i = 0; i < AUTH_FAILURES_MAX * 2; i++) await get(undefined, shipments, undefined, office);
    // A key no instance has verified yet, so it needs the lookup the failure budget guards.
    const newcomer = await createCaller(stack, { name: 'Bhalwal Kinnow Exports', role: 'shipper' });
    expect((await get(newcomer.authorization, shipments, undefined, office)).status).toBe(404);
  });

  it('refuses a key on every instance as soon as it is revoked, not after the 30 s cache', async () => {
    const departing = await createCaller(stack, { name: 'Departing Forwarder', role: 'shipper' });
    const from = '127.0.0.41';
    // Both instances have verified the key and cache it for API_KEY_CACHE_TTL_MS (30 s by default).
    for (const instance of [shipments, secondInstance])
      expect((await get(departing.authorization, instance, undefined, from)).status).toBe(404);
    const findKey = jest.spyOn(secondInstance.app.get(IdentityStore), 'findKey');
    try {
      // Revoked as the keys CLI does it, from outside both instances.
      await expect(
        query(stack, 'UPDATE identity.api_keys SET revoked_at = now() WHERE id = $1 RETURNING id', [departing.keyId]),
      ).resolves.toHaveLength(1);
      const revokedAt = Date.now();
      for (const instance of [shipments, secondInstance])
        await eventually(
          async () => expect((await get(departing.authorization, instance, undefined, from)).status).toBe(401),
          { timeoutMs: 5_000, intervalMs: 50 },
        );
      expect(Date.now() - revokedAt).toBeLessThan(3_000);
      // The second instance asked Postgres again: the cache let go of the key, not a timer.
      expect(findKey.mock.calls.map(([keyId]) => keyId)).toContain(departing.keyId);
    } finally {
      findKey.mockRestore();
    }
  });

  it('keeps health probes, metrics and API docs open when the address has spent its budget', async () => {
    expect((await get()).status).toBe(429);
    for (let i = 0; i < AUTH_FAILURES_MAX * 2; i++) {
      expect((await get(undefined, shipments, '/health/live')).status).toBe(200);
      expect((await get(undefined, shipments, '/metrics')).status).toBe(200);
      expect((await get(undefined, shipments, '/docs-json')).status).toBe(200);
    }
    // The docs UI and the assets it loads from under /docs/.
    const ui = await get(undefined, shipments, '/docs');
    expect(ui.status).toBe(200);
    for (const asset of ['/docs/swagger-ui-init.js', '/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js']) {
      expect({ asset, status: (await get(undefined, shipments, asset)).status }).toEqual({ asset, status: 200 });
    }
  });

  it('spends nothing of the platform on open paths (no trace, no limit), and traces every API request', async () => {
    for (const path of ['/health/live', '/health/ready', '/metrics', '/docs-json']) {
      const open = await get(carrier.authorization, shipments, path, '127.0.0.21');
      expect({
        path,
        status: open.status,
        traceparent: open.headers.get('traceparent'),
        limit: open.headers.get('x-ratelimit-limit'),
      }).toEqual({
        path,
        status: 200,
        traceparent: null,
        limit: null,
      });
    }
    for (const authorization of [carrier.authorization, undefined]) {
      const api = await get(authorization, shipments, undefined, '127.0.0.21');
      expect(api.headers.get('traceparent')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(api.headers.get('x-ratelimit-limit')).not.toBeNull();
    }
  });

  it('verifies the key on paths only beginning like open ones (/healthX, /docsfoo …), on no open path', async () => {
    const findKey = jest.spyOn(shipments.app.get(IdentityStore), 'findKey');
    try {
      const lookalikes = ['/healthX', '/health-check', '/metricsfoo', '/docsfoo', '/docs-jsonx'];
      const madeUp = lookalikes.map(() => newKeyId());
      // Each from its own address, within its budget. No route matches, so 404 as for any unknown path, but only
      // after the key was checked.
      for (const [i, path] of lookalikes.entries()) {
        const response = await get(`Bearer ${madeUp[i]}.${newSecret()}`, shipments, path, `127.0.0.${20 + i}`);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
      }
      expect(findKey.mock.calls.map(([keyId]) => keyId)).toEqual(madeUp);

      findKey.mockClear();
      for (const path of ['/health/live', '/metrics', '/docs', '/docs/swagger-ui-init.js', '/docs-json']) {
        expect({
          path,
          status: (await get(`Bearer ${newKeyId()}.${newSecret()}`, shipments, path, '127.0.0.30')).status,
        }).toEqual({ path, status: 200 });
      }
      expect(findKey).not.toHaveBeenCalled();
    } finally {
      findKey.mockRestore();
    }
  });

  it('looks a made-up key id up in Postgres once per refusal period, not once per request', async () => {
    const findKey = jest.spyOn(shipments.app.get(IdentityStore), 'findKey');
    try {
      const madeUp = newKeyId();
      const attempts = async (from: string) => {
        for (let i = 0; i < 30; i++)
          expect([401, 429]).toContain(
            (await get(`Bearer ${madeUp}.${newSecret()}`, shipments, undefined, from)).status,
          );
      };
      await attempts('127.0.0.11');
      expect(findKey.mock.calls.filter(([keyId]) => keyId === madeUp)).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, REFUSED_KEY_TTL_MS + 200));
      // From an address still within its failed-authentication budget (127.0.0.11 has spent its own).
      await attempts('127.0.0.12');
      expect(findKey.mock.calls.filter(([keyId]) => keyId === madeUp)).toHaveLength(2);
    } finally {
      findKey.mockRestore();
    }
  });

  it('looks up at most RATE_LIMIT_AUTH_FAILURES_MAX made-up key ids per address and window, however many', async () => {
    const findKey = jest.spyOn(shipments.app.get(IdentityStore), 'findKey');
    try {
      const flooder = '127.0.0.15';
      const statuses: number[] = [];
      for (let i = 0; i < AUTH_FAILURES_MAX * 20; i++)
        statuses.push((await get(`Bearer ${newKeyId()}.${newSecret()}`, shipments, undefined, flooder)).status);
      expect(findKey.mock.calls.length).toBeLessThanOrEqual(AUTH_FAILURES_MAX);
      expect(statuses.slice(0, AUTH_FAILURES_MAX)).toEqual(Array(AUTH_FAILURES_MAX).fill(401));
      expect(new Set(statuses.slice(AUTH_FAILURES_MAX))).toEqual(new Set([429]));

      // Concurrently too: each lookup is charged to the address before it runs.
      findKey.mockClear();
      const burst = await Promise.all(
        Array.from({ length: AUTH_FAILURES_MAX * 10 }, () =>
          get(`Bearer ${newKeyId()}.${newSecret()}`, shipments, undefined, '127.0.0.16'),
        ),
      );
      expect(findKey.mock.calls.length).toBeLessThanOrEqual(AUTH_FAILURES_MAX);
      expect(burst.filter((response) => response.status === 401).length).toBeLessThanOrEqual(AUTH_FAILURES_MAX);
      expect(new Set(burst.map((response) => response.status))).toEqual(new Set([401, 429]));

      // A real key from another address is looked up and works; once held in memory it works from the flooding
      // address too.
      const shipper = await createCaller(stack, { name: 'Faisalabad Textiles', role: 'shipper' });
      expect((await get(shipper.authorization, shipments, undefined, '127.0.0.17')).status).toBe(404);
      expect((await get(shipper.authorization, shipments, undefined, flooder)).status).toBe(404);
      // The price: a key the instance does not hold yet is not checked for an address over its budget (until the
      // window passes).
      const unlucky = await createCaller(stack, { name: 'Sialkot Sports', role: 'shipper' });
      expect((await get(unlucky.authorization, shipments, undefined, flooder)).status).toBe(429);
    } finally {
      findKey.mockRestore();
    }
  });

  it('looks a key this instance does not hold yet up once for many concurrent requests, refusing none', async () => {
    // A carrier's gateway opening many connections at once, or any busy key when its cache entry expires
    // (three times the address's failed-authentication budget, within the key's own limit).
    const findKey = jest.spyOn(shipments.app.get(IdentityStore), 'findKey');
    try {
      const gateway = await createCaller(stack, { name: 'TCS Gateway', role: 'carrier', carrierCode: 'TCS' });
      const burst = await Promise.all(
        Array.from({ length: AUTH_FAILURES_MAX * 3 }, () =>
          get(gateway.authorization, shipments, undefined, '127.0.0.19'),
        ),
      );
      expect(burst.map((response) => response.status)).toEqual(Array(AUTH_FAILURES_MAX * 3).fill(404));
      expect(findKey.mock.calls.filter(([keyId]) => keyId === gateway.keyId)).toHaveLength(1);
      // The address's failed-authentication budget is untouched.
      expect((await get(`Bearer ${newKeyId()}.${newSecret()}`, shipments, undefined, '127.0.0.19')).status).toBe(401);
    } finally {
      findKey.mockRestore();
    }
  });

  it('verifies each request once: the access guard reuses what the rate limiter was keyed on', async () => {
    const verify = jest.spyOn(shipments.app.get(ApiKeyAuthenticator), 'verify');
    try {
      const from = '127.0.0.13'; // an address within its failed-authentication budget, so a new key is looked up
      const shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
      expect((await get(shipper.authorization, shipments, undefined, from)).status).toBe(404);
      expect((await get(carrier.authorization, shipments, '/v1/shipments/x/cancel', from)).status).toBe(404);
      expect(verify).toHaveBeenCalledTimes(2);
    } finally {
      verify.mockRestore();
    }
  });

  it('limits a verified key at RATE_LIMIT_MAX across instances, and only that key', async () => {
    const from = '127.0.0.14'; // an address within its failed-authentication budget, so new keys are looked up
    const operator = await createCaller(stack, { name: 'Control room', role: 'operator' });
    const bystander = await createCaller(stack, { name: 'Control room, night shift', role: 'operator' });
    const statuses: number[] = [];
    for (let i = 0; i < KEY_MAX + 5; i++)
      statuses.push((await get(operator.authorization, i % 2 ? secondInstance : shipments, undefined, from)).status);
    expect(statuses.slice(0, KEY_MAX)).toEqual(Array(KEY_MAX).fill(404));
    expect(statuses.slice(KEY_MAX)).toEqual(Array(5).fill(429));
    const limited = await get(operator.authorization, secondInstance, undefined, from);
    await expect(limited.json()).resolves.toMatchObject({
      status: 429,
      detail: expect.stringContaining('for this API key'),
    });
    expect((await get(bystander.authorization, shipments, undefined, from)).status).toBe(404);
  });
});
