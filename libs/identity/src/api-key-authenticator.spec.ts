import { ApiKeyAuthenticator, REFUSED_KEY_TTL_MS } from './api-key-authenticator';
import { hashSecret, newKeyId, newSecret } from './api-key-format';
import type { IdentityStore } from './identity-store';
import type { Principal } from './principal';

/** An identity store in memory that counts its lookups (the real one is exercised over HTTP in test/e2e). */
function storeWith(keys: { keyId: string; secret: string; revoked?: boolean }[]) {
  const lookups: string[] = [];
  const store = {
    findKey: (keyId: string) => {
      lookups.push(keyId);
      const key = keys.find((k) => k.keyId === keyId);
      if (!key) return Promise.resolve(undefined);
      const principal: Principal = {
        tenantId: 'carrier-nlc',
        tenantName: 'NLC',
        role: 'carrier',
        keyId,
        carrierCode: 'NLC',
        actsFor: [],
      };
      return Promise.resolve({ secretHash: hashSecret(key.secret), revoked: key.revoked ?? false, principal });
    },
  };
  return { store: store as unknown as IdentityStore, lookups };
}

const bearer = (keyId: string, secret: string) => `Bearer ${keyId}.${secret}`;

describe('ApiKeyAuthenticator', () => {
  let now: number;
  beforeEach(() => {
    now = Date.parse('2026-11-30T00:00:00Z');
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('asks the store about a made-up key id once per refusal period, however often it is tried', async () => {
    const { store, lookups } = storeWith([]);
    const authenticator = new ApiKeyAuthenticator(store, { databaseUrl: '', cacheTtlMs: 30_000 });
    const madeUp = bearer(newKeyId(), newSecret());
    for (let i = 0; i < 50; i++) await expect(authenticator.verify(madeUp)).resolves.toMatchObject({ verified: false });
    expect(lookups).toHaveLength(1);
    now += REFUSED_KEY_TTL_MS + 1;
    await expect(authenticator.verify(madeUp)).resolves.toMatchObject({ verified: false });
    expect(lookups).toHaveLength(2);
  });

  it('refuses junk secrets for a real key id from the cache, and still accepts the real secret', async () => {
    const real = { keyId: newKeyId(), secret: newSecret() };
    const { store, lookups } = storeWith([real]);
    const authenticator = new ApiKeyAuthenticator(store, { databaseUrl: '', cacheTtlMs: 30_000 });
    for (let i = 0; i < 20; i++) {
      const outcome = await authenticator.verify(bearer(real.keyId, newSecret()));
      expect(outcome).toMatchObject({
        verified: false,
        error: expect.objectContaining({ message: 'invalid API key' }),
      });
    }
    await expect(authenticator.verify(bearer(real.keyId, real.secret))).resolves.toMatchObject({
      verified: true,
      keyId: real.keyId,
    });
    expect(lookups).toEqual([real.keyId]);
  });

  it('remembers a revoked key as refused too', async () => {
    const revoked = { keyId: newKeyId(), secret: newSecret(), revoked: true };
    const { store, lookups } = storeWith([revoked]);
    const authenticator = new ApiKeyAuthenticator(store, { databaseUrl: '', cacheTtlMs: 30_000 });
    await expect(authenticator.verify(bearer(revoked.keyId, revoked.secret))).resolves.toMatchObject({
      verified: false,
      error: expect.objectContaining({ message: 'API key revoked' }),
    });
    await expect(authenticator.verify(bearer(revoked.keyId, revoked.secret))).resolves.toMatchObject({
      verified: false,
    });
    expect(lookups).toHaveLength(1);
  });

  it('keeps the refused ids bounded', async () => {
    const { store, lookups } = storeWith([]);
    const authenticator = new ApiKeyAuthenticator(store, { databaseUrl: '', cacheTtlMs: 30_000 });
    const first = bearer(newKeyId(), newSecret());
    await authenticator.verify(first);
    for (let i = 0; i < 10_000; i++) await authenticator.verify(bearer(newKeyId(), newSecret()));
    // The oldest refusal made room for the newer ones: the first id is looked up again.
    await authenticator.verify(first);
    expect(lookups).toHaveLength(10_002);
  });

  it('looks up a key id no cache holds only if the caller allows it, and refuses it unchecked otherwise', async () => {
    const real = { keyId: newKeyId(), secret: newSecret() };
    const { store, lookups } = storeWith([real]);
    const authenticator = new ApiKeyAuthenticator(store, { databaseUrl: '', cacheTtlMs: 30_000 });
    const asked: string[] = [];
    const allow = (answer: boolean) => () => (asked.push(String(answer)), answer);

    for (let i = 0; i < 20; i++)
      await expect(authenticator.verify(bearer(newKeyId(), newSecret()), allow(false))).resolves.toMatchObject({
        verified: false,
      });
    await expect(authenticator.verify(bearer(real.keyId, real.secret), allow(false))).resolves.toMatchObject({
      verified: false,
    });
    expect(lookups).toEqual([]);
    expect(asked).toHaveLength(21);

    // Once cached (active or refused), an id needs no lookup, so the caller is not asked.
    const madeUp = bearer(newKeyId(), newSecret());
    await expect(authenticator.verify(madeUp, allow(true))).resolves.toMatchObject({ verified: false });
    await expect(authenticator.verify(bearer(real.keyId, real.secret), allow(true))).resolves.toMatchObject({
      verified: true,
    });
    asked.length = 0;
    await expect(authenticator.verify(madeUp, allow(false))).resolves.toMatchObject({ verified: false });
    await expect(authenticator.verify(bearer(real.keyId, real.secret), allow(false))).resolves.toMatchObject({
      verified: true,
      keyId: real.keyId,
    });
    expect(asked).toEqual([]);
    expect(lookups).toHaveLength(2);
  });

  it('shares one lookup among concurrent requests for a key id no cache holds, and asks the caller once', async () => {
    const real = { keyId: newKeyId(), secret: newSecret() };
    const { store, lookups } = storeWith([real]);
    const authenticator = new ApiKeyAuthenticator(store, { databaseUrl: '', cacheTtlMs: 30_000 });
    // A budget of one lookup, as an address near its failed-authentication budget has.
    let asked = 0;
    const oneLookup = () => ++asked <= 1;
    const burst = Array.from({ length: 20 }, (_, i) =>
      authenticator.verify(bearer(real.keyId, i === 7 ? newSecret() : real.secret), oneLookup),
    );
    const outcomes = await Promise.all(burst);
    expect(outcomes.map((o) => o.verified)).toEqual(Array.from({ length: 20 }, (_, i) => i !== 7));
    expect(lookups).toEqual([real.keyId]);
    expect(asked).toBe(1);

    // The same when the cached key expires under load: one lookup, nobody refused.
    now += 30_001;
    asked = 0;
    const again = await Promise.all(
      Array.from({ length: 20 }, () => authenticator.verify(bearer(real.keyId, real.secret), oneLookup)),
    );
    expect(again.every((o) => o.verified)).toBe(true);
    expect(lookups).toEqual([real.keyId, real.keyId]);
  });

  it('shares a failed lookup too, and tries again afterwards', async () => {
    let calls = 0;
    const store = {
      findKey: async () => (calls++, Promise.reject(new Error('connection refused'))),
    } as unknown as IdentityStore;
    const authenticator = new ApiKeyAuthenticator(store, { databaseUrl: '', cacheTtlMs: 30_000 });
    const key = bearer(newKeyId(), newSecret());
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => authenticator.verify(key)));
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(calls).toBe(1);
    await expect(authenticator.verify(key)).rejects.toThrow('connection refused');
    expect(calls).toBe(2);
  });

  it('needs no lookup to refuse a missing or malformed header', async () => {
    const { store, lookups } = storeWith([]);
    const authenticator = new ApiKeyAuthenticator(store, { databaseUrl: '', cacheTtlMs: 30_000 });
    await expect(authenticator.verify(undefined)).resolves.toMatchObject({ verified: false });
    await expect(authenticator.verify('Bearer nonsense')).resolves.toMatchObject({ verified: false });
    expect(lookups).toEqual([]);
  });

  it('lets a store failure through (it is not a refusal)', async () => {
    const store = { findKey: async () => Promise.reject(new Error('connection refused')) } as unknown as IdentityStore;
    const authenticator = new ApiKeyAuthenticator(store, { databaseUrl: '', cacheTtlMs: 30_000 });
    await expect(authenticator.verify(bearer(newKeyId(), newSecret()))).rejects.toThrow('connection refused');
  });
});
