import IORedis from 'ioredis';

const MARKER = 'chaos:live-run';

/**
 * The run's own Redis logical database (REDIS_URL with `/<db>`): the services keep their BullMQ
 * queues and rate-limit counters there, and the fault FLUSHDBs it — never anyone else's data. The
 * run refuses a database holding keys that are not a chaos run's, or one another live run holds (a
 * marker key it keeps fresh and sets again after each flush).
 */
export class RunRedis {
  private refresher?: NodeJS.Timeout;

  private constructor(
    private readonly redis: IORedis,
    readonly url: string,
    private readonly runId: string,
  ) {}

  static async claim(baseUrl: string, db: number, runId: string, keyPrefix: string): Promise<RunRedis> {
    const url = Object.assign(new URL(baseUrl), { pathname: `/${db}` }).toString();
    const redis = new IORedis(url, { maxRetriesPerRequest: 3, lazyConnect: true });
    redis.on('error', () => undefined);
    await redis.connect();
    const holder = await redis.get(MARKER);
    if (holder) {
      redis.disconnect();
      throw new Error(`Redis db ${db} is in use by another chaos run (${holder}); pick another with --redis-db`);
    }
    const foreign = await foreignKey(redis, keyPrefix);
    if (foreign !== undefined) {
      redis.disconnect();
      throw new Error(
        `Redis db ${db} holds data that is not a chaos run's (e.g. "${foreign}"); pick another with --redis-db`,
      );
    }
    // Left over by an earlier chaos run that did not clean up: ours to clear.
    await redis.flushdb();
    const claimed = new RunRedis(redis, url, runId);
    await claimed.mark();
    claimed.refresher = setInterval(() => void claimed.mark().catch(() => undefined), 5_000);
    return claimed;
  }

  /** The fault: FLUSHDB on the run's database. Returns how many keys it held. */
  async flush(): Promise<number> {
    const keys = await this.redis.dbsize();
    await this.redis.flushdb();
    await this.mark();
    return Math.max(0, keys - 1);
  }

  async release(): Promise<void> {
    clearInterval(this.refresher);
    await this.redis.flushdb().catch(() => undefined);
    this.redis.disconnect();
  }

  private async mark(): Promise<void> {
    await this.redis.set(MARKER, `${this.runId} pid ${process.pid}`, 'PX', 15_000);
  }
}

async function foreignKey(redis: IORedis, keyPrefix: string): Promise<string | undefined> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
    const other = keys.find((key) => !key.startsWith(keyPrefix) && key !== MARKER);
    if (other !== undefined) return other;
    cursor = next;
  } while (cursor !== '0');
  return undefined;
}
