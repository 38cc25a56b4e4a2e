import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

export interface LeaderLockOptions {
  databaseUrl: string;
  applicationName: string;
  /** The advisory lock's name (hashed into its key). */
  name: string;
  /** How often the session proves it is alive and still holds the lock. */
  checkIntervalMs: number;
  /** A statement on the session that takes longer than this counts as a lost session. */
  queryTimeoutMs: number;
}

/** Does this session hold the advisory lock `hashtext($1)`? (pg_locks splits the bigint key into classid and objid.) */
const HOLDS_LOCK = `SELECT EXISTS (
  SELECT 1 FROM pg_locks
   WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND objsubid = 1
     AND (classid::bigint << 32 | objid::bigint) = hashtext($1)::bigint) AS held`;

/**
 * A session-level advisory lock on a connection of its own: whoever holds it leads. The session can
 * vanish without the client noticing (a dropped connection, a terminated backend whose goodbye never
 * arrives) while Postgres hands the lock to someone else, so the lock is fenced: work that only the
 * leader may do runs ON this session (`query`), which can only succeed while the session — and so the
 * lock — is alive. A keepalive (TCP on both ends, and a periodic check in pg_locks) notices a lost
 * session even when there is no work, and `lost` says so.
 */
export class LeaderLock {
  private readonly client: Client;
  private timer?: NodeJS.Timeout;
  private lostWith?: Error;
  private held = false;
  private closing = false;
  /** One statement at a time on the session (the keepalive check and the relay's work interleave). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: LeaderLockOptions,
    /** Called once when the session is found lost. */
    private readonly onLost: (error: Error) => void,
  ) {
    this.client = new Client({
      connectionString: options.databaseUrl,
      application_name: options.applicationName,
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
      connectionTimeoutMillis: options.queryTimeoutMs,
      query_timeout: options.queryTimeoutMs,
    });
    this.client.on('error', (error) => this.lose(error));
    this.client.on('end', () => this.lose(new Error('leader lock connection closed')));
  }

  /** Why the session is gone, once it is. */
  get lost(): Error | undefined {
    return this.lostWith;
  }

  async connect(): Promise<void> {
    await this.client.connect();
    // Postgres drops a session whose client vanished silently within ~30 s, which frees the lock for another relay.
    await this.client.query(
      'SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3',
    );
  }

  async tryAcquire(): Promise<boolean> {
    const [{ locked }] = await this.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
      this.options.name,
    ]);
    this.held = locked;
    if (this.held) this.timer = setInterval(() => void this.check(), this.options.checkIntervalMs).unref();
    return this.held;
  }

  async listen(channel: string, onNotify: () => void): Promise<void> {
    await this.query(`LISTEN "${channel}"`);
    this.client.on('notification', onNotify);
  }

  /**
   * Runs a statement on the lock's session, after those before it; it fails rather than run once the
   * session is lost.
   */
  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result = this.queue.then(() => this.run<T>(sql, params));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Several statements in one round trip and one transaction (the simple protocol: no parameters, so
   * every value in `sql` must be a literal the caller made safe); the rows of each statement, in order.
   */
  queryAll(sql: string): Promise<unknown[][]> {
    const result = this.queue.then(() => this.runAll(sql));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async runAll(sql: string): Promise<unknown[][]> {
    const results = await this.attempt(
      () => this.client.query(sql) as unknown as Promise<{ rows: unknown[] } | { rows: unknown[] }[]>,
    );
    return (Array.isArray(results) ? results : [results]).map((result) => result.rows);
  }

  private async run<T>(sql: string, params: unknown[]): Promise<T[]> {
    return (await this.attempt(() => this.client.query(sql, params))).rows as T[];
  }

  private async attempt<R>(statement: () => Promise<R>): Promise<R> {
    if (this.lostWith) throw this.lostWith;
    try {
      return await statement();
    } catch (error) {
      // No SQLSTATE (a client-side timeout, a broken socket), a connection exception (08) or an
      // operator's intervention (57: terminated, shutting down): the session is gone. Anything else
      // the server refused is the caller's business.
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || /^(08|57)/.test(code)) this.lose(error as Error);
      throw error;
    }
  }

  /** Ends the session (which releases the lock); does not wait long for a connection that no longer answers. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    this.held = false;
    await Promise.race([this.client.end().catch(() => undefined), sleep(1_000, undefined, { ref: false })]);
  }

  private async check(): Promise<void> {
    if (this.lostWith || !this.held) return;
    try {
      const [{ held }] = await this.query<{ held: boolean }>(HOLDS_LOCK, [this.options.name]);
      if (!held) this.lose(new Error(`advisory lock ${this.options.name} is no longer held by this session`));
    } catch (error) {
      this.lose(error as Error);
    }
  }

  private lose(error: Error): void {
    if (this.lostWith || this.closing) return;
    this.lostWith = error;
    clearInterval(this.timer);
    this.onLost(error);
  }
}
