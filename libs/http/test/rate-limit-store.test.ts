import IORedis, { type Redis } from 'ioredis';
import { uniqueName } from '@lib/testing';
import { BatchingRateLimitStore, redisWindowCounter, type WindowCounter } from '../src/rate-limit-store';

type Outcome = { current: number; ttl: number };
const incr = (store: BatchingRateLimitStore, key: string, max: number, windowMs: number) =>
  new Promise<Outcome>((resolve, reject) =>
    store.incr(key, (error, result) => (error ? reject(error) : resolve(result!)), windowMs, max),
  );

/** The limiter's store on the real Redis, shared by two stores as by two service instances. */
describe('BatchingRateLimitStore on Redis', () => {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const namespace = `${uniqueName('rl')}:`;
  let connections: Redis[];
  let calls = 0;
  const counted =
    (counter: WindowCounter): WindowCounter =>
    (key, count, windowMs) => (calls++, counter(key, count, windowMs));

  beforeAll(() => {
    connections = [new IORedis(redisUrl), new IORedis(redisUrl)];
  });

  afterAll(async () => {
    const keys = await connections[0].keys(`${namespace}*`);
    if (keys.length) await connections[0].del(...keys);
    connections.forEach((c) => c.disconnect());
  });

  it('admits exactly max concurrent requests of a key across instances, each its own count, in few trips', async () => {
    const [a, b] = connections.map((c) => new BatchingRateLimitStore(counted(redisWindowCounter(c, namespace))));
    calls = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => incr(i % 2 ? a : b, 'key:flood', 300, 60_000)),
    );
    const admitted = outcomes.filter((o) => o.current <= 300).map((o) => o.current);
    expect(admitted.sort((x, y) => x - y)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    for (const o of outcomes) expect(o.ttl).toBeGreaterThan(0);
    expect(calls).toBeLessThan(20);
    const ttl = await connections[0].pttl(`${namespace}key:flood`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('starts a new window when the last one has expired', async () => {
    const store = new BatchingRateLimitStore(redisWindowCounter(connections[0], namespace));
    expect((await incr(store, 'key:short', 2, 300)).current).toBe(1);
    expect((await incr(store, 'key:short', 2, 300)).current).toBe(2);
    expect((await incr(store, 'key:short', 2, 300)).current).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await incr(store, 'key:short', 2, 300)).current).toBe(1);
  });
});
