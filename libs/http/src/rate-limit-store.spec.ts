import { BatchingRateLimitStore, type WindowCounter } from './rate-limit-store';

/** A shared count in memory (Redis in production) that records each call and answers when told to. */
function counterInMemory(windowMs = 60_000) {
  const totals = new Map<string, number>();
  const calls: { key: string; count: number }[] = [];
  let release: (() => void)[] = [];
  let held = false;
  const counter: WindowCounter = async (key, count) => {
    calls.push({ key, count });
    if (held) await new Promise<void>((resolve) => release.push(resolve));
    const total = (totals.get(key) ?? 0) + count;
    totals.set(key, total);
    return { total, ttlMs: windowMs };
  };
  return {
    counter,
    calls,
    totals,
    hold: () => (held = true),
    releaseAll: () => {
      held = false;
      const waiting = release;
      release = [];
      waiting.forEach((resolve) => resolve());
    },
  };
}

type Outcome = { current: number; ttl: number };
const incr = (store: BatchingRateLimitStore, key: string, max: number) =>
  new Promise<Outcome>((resolve, reject) =>
    store.incr(key, (error, result) => (error ? reject(error) : resolve(result!)), 60_000, max),
  );
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchingRateLimitStore', () => {
  afterEach(() => jest.restoreAllMocks());

  it('counts the requests of a quiet key one by one, each at once', async () => {
    const { counter, calls } = counterInMemory();
    const store = new BatchingRateLimitStore(counter);
    for (let i = 1; i <= 3; i++) await expect(incr(store, 'key:a', 10)).resolves.toEqual({ current: i, ttl: 60_000 });
    expect(calls).toEqual([1, 1, 1].map((count) => ({ key: 'key:a', count })));
  });

  it("counts requests arriving while a key's count is in flight in one call, each at its own place", async () => {
    const { counter, calls, hold, releaseAll } = counterInMemory();
    const store = new BatchingRateLimitStore(counter);
    hold();
    const first = incr(store, 'key:busy', 1000);
    const next = Array.from({ length: 49 }, () => incr(store, 'key:busy', 1000));
    const other = incr(store, 'key:other', 1000);
    await flush();
    releaseAll();
    await flush();
    releaseAll();
    const outcomes = await Promise.all([first, ...next]);
    expect(outcomes.map((o) => o.current)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await expect(other).resolves.toMatchObject({ current: 1 });
    expect(calls).toEqual([
      { key: 'key:busy', count: 1 },
      { key: 'key:other', count: 1 },
      { key: 'key:busy', count: 49 },
    ]);
  });

  it('refuses a spent key from memory until its window ends, then counts it again', async () => {
    let now = Date.parse('2026-11-30T00:00:00Z');
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const { counter, calls } = counterInMemory(60_000);
    const store = new BatchingRateLimitStore(counter);
    for (let i = 0; i < 3; i++) await incr(store, 'authfail:203.0.113.7', 3);
    now += 10_000;
    for (let i = 0; i < 100; i++)
      await expect(incr(store, 'authfail:203.0.113.7', 3)).resolves.toEqual({ current: 4, ttl: 50_000 });
    expect(calls).toHaveLength(3);
    now += 50_000;
    await incr(store, 'authfail:203.0.113.7', 3);
    expect(calls).toHaveLength(4);
  });

  it('refuses the requests that waited behind the count that spent the key', async () => {
    const { counter, calls, hold, releaseAll } = counterInMemory();
    const store = new BatchingRateLimitStore(counter);
    await incr(store, 'key:a', 2);
    hold();
    const spending = incr(store, 'key:a', 2);
    const late = Array.from({ length: 5 }, () => incr(store, 'key:a', 2));
    await flush();
    releaseAll();
    await expect(spending).resolves.toMatchObject({ current: 2 });
    expect((await Promise.all(late)).map((o) => o.current)).toEqual([3, 3, 3, 3, 3]);
    expect(calls).toHaveLength(2);
  });

  it('passes a failed count to every request waiting on it, and tries again for the next', async () => {
    let fail = true;
    const calls: number[] = [];
    const counter: WindowCounter = async (_key, count) => {
      calls.push(count);
      await flush();
      if (fail) throw new Error('Connection is closed.');
      return { total: count, ttlMs: 60_000 };
    };
    const store = new BatchingRateLimitStore(counter);
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => incr(store, 'key:a', 10)));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    fail = false;
    await expect(incr(store, 'key:a', 10)).resolves.toMatchObject({ current: 1 });
    expect(calls).toEqual([1, 3, 1]);
  });

  it('keeps at most its capacity of keys in memory', async () => {
    const { counter, calls } = counterInMemory();
    const store = new BatchingRateLimitStore(counter, 10);
    for (let i = 0; i < 20; i++) await incr(store, `authfail:198.51.100.${i}`, 1);
    // The oldest spent keys made room for newer ones: the first is counted in Redis again (and refused there).
    await expect(incr(store, 'authfail:198.51.100.0', 1)).resolves.toMatchObject({ current: 2 });
    await expect(incr(store, 'authfail:198.51.100.19', 1)).resolves.toMatchObject({ current: 2 });
    expect(calls).toHaveLength(21);
  });
});
