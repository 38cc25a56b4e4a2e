import type { Redis } from 'ioredis';

/**
 * A window's shared count: adds `count` to the key's count and answers the new total and the window's
 * remaining time.
 */
export type WindowCounter = (key: string, count: number, windowMs: number) => Promise<{ total: number; ttlMs: number }>;

/** The store contract of @fastify/rate-limit (`incr` is all a global limit uses). */
interface RateLimitStore {
  incr(
    key: string,
    callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
    windowMs: number,
    max: number,
  ): void;
  child(): RateLimitStore;
}

interface Waiter {
  callback: Parameters<RateLimitStore['incr']>[1];
}

interface KeyState {
  /** Requests waiting for the next count, in arrival order. */
  waiting: Waiter[];
  counting: boolean;
  /** Set once the shared count has passed `max`: until then every request here is refused without asking Redis. */
  exhaustedUntil?: number;
}

/**
 * Counts requests per key in fixed windows shared by all instances (the count lives in Redis), with
 * @fastify/rate-limit's Redis semantics: a window starts at its first request and lasts `windowMs`.
 * Two things keep Redis off most requests' path without loosening the limit:
 * - requests that arrive for a key while its count is in flight wait for the next count, and go in
 *   one `INCRBY` together (the first request of a quiet key goes alone, at once): a busy key costs one
 *   round trip per batch, and each request still gets its exact place in the window's order;
 * - once a window is spent the instance refuses that key from memory until the window ends (the
 *   count never goes down within a window), so a flood over the limit costs Redis nothing.
 * Exact across instances: every admitted request was counted in Redis before it was admitted.
 */
export class BatchingRateLimitStore implements RateLimitStore {
  private readonly keys = new Map<string, KeyState>();

  constructor(
    private readonly count: WindowCounter,
    private readonly capacity = 10_000,
  ) {}

  incr(key: string, callback: Waiter['callback'], windowMs: number, max: number): void {
    const now = Date.now();
    let state = this.keys.get(key);
    if (state?.exhaustedUntil !== undefined) {
      if (state.exhaustedUntil > now) return callback(null, { current: max + 1, ttl: state.exhaustedUntil - now });
      state.exhaustedUntil = undefined;
    }
    if (!state) {
      // Bounded: a key evicted here is simply counted in Redis again.
      if (this.keys.size >= this.capacity) this.evictOne();
      state = { waiting: [], counting: false };
      this.keys.set(key, state);
    }
    state.waiting.push({ callback });
    if (!state.counting) void this.countWaiting(key, state, windowMs, max);
  }

  child(): RateLimitStore {
    return this;
  }

  private async countWaiting(key: string, state: KeyState, windowMs: number, max: number): Promise<void> {
    state.counting = true;
    while (state.waiting.length > 0) {
      const batch = state.waiting;
      state.waiting = [];
      const now = Date.now();
      if (state.exhaustedUntil !== undefined && state.exhaustedUntil > now) {
        // Spent while these waited: refused like any later request.
        for (const waiter of batch) waiter.callback(null, { current: max + 1, ttl: state.exhaustedUntil - now });
        continue;
      }
      try {
        const { total, ttlMs } = await this.count(key, batch.length, windowMs);
        const before = total - batch.length;
        batch.forEach((waiter, i) => waiter.callback(null, { current: before + i + 1, ttl: ttlMs }));
        if (total >= max && ttlMs > 0) state.exhaustedUntil = Date.now() + ttlMs;
      } catch (error) {
        for (const waiter of batch) waiter.callback(error as Error);
      }
    }
    state.counting = false;
    if (state.exhaustedUntil === undefined) this.keys.delete(key);
  }

  private evictOne(): void {
    for (const [key, state] of this.keys) {
      if (!state.counting) {
        this.keys.delete(key);
        return;
      }
    }
  }
}

const COUNT_SCRIPT = `
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
if total == tonumber(ARGV[1]) then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {total, tonumber(ARGV[2])}
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {total, ttl}
`;

/** The shared count in Redis: one script call adds to a key's window (starting it, with its expiry, if it is new). */
export function redisWindowCounter(redis: Redis, namespace: string): WindowCounter {
  redis.defineCommand('rateLimitCount', { numberOfKeys: 1, lua: COUNT_SCRIPT });
  const command = redis as Redis & {
    rateLimitCount(key: string, count: number, windowMs: number): Promise<[number, number]>;
  };
  return async (key, count, windowMs) => {
    const [total, ttlMs] = await command.rateLimitCount(`${namespace}${key}`, count, windowMs);
    return { total, ttlMs };
  };
}
