import { Client } from 'pg';

export interface PgListenerOptions {
  databaseUrl: string;
  /** Shown in pg_stat_activity, so an operator can tell the listeners apart. */
  applicationName: string;
  channels: readonly string[];
  onNotification(channel: string, payload: string | undefined): void;
  /**
   * Every channel is listened to (again). Whatever was cached before this moment may predate
   * notifications that were never heard, which is why the three listeners of this repo empty or
   * re-enable their caches here.
   */
  onListening?(): void;
  /** The connection was lost or could not be opened; called once per attempt, before the next one. */
  onLost?(error: unknown): void;
  /** Pause before re-opening a lost connection (1 s). */
  retryMs?: number;
}

/** A server that neither answers nor refuses is given up on after this, and tried again. */
const CONNECT_TIMEOUT_MS = 10_000;
const STOP_WAIT_MS = 2_000;

/**
 * One Postgres connection that LISTENs on some channels and re-opens itself when lost. NOTIFY is
 * fire-and-forget: a notification sent while the connection is down is gone, so users pair this with
 * a fallback (a poll or a TTL) and with `onListening` to drop what may have been missed.
 */
export class PgListener {
  private client?: Client;
  private stopping = false;
  private running?: Promise<void>;
  private wake?: () => void;

  constructor(private readonly options: PgListenerOptions) {}

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    const ended = this.client?.end().catch(() => undefined);
    // A connection still being opened ends only once its socket does (up to CONNECT_TIMEOUT_MS against a
    // server that never answers), and pg leaves the interrupted connect() unsettled: wait no longer than this.
    const bound = new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref());
    await Promise.race([Promise.all([ended, this.running]), bound]);
  }

  private async run(): Promise<void> {
    const { databaseUrl, applicationName, channels, retryMs = 1000 } = this.options;
    while (!this.stopping) {
      const client = new Client({
        connectionString: databaseUrl,
        application_name: applicationName,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      });
      this.client = client;
      // Every 'error' needs a listener (an unheard one would throw); the first error or end means lost.
      let cause: unknown = new Error('the LISTEN connection ended');
      const lost = new Promise<void>((resolve) =>
        client
          .on('error', (error) => {
            cause = error;
            resolve();
          })
          .on('end', () => resolve()),
      );
      try {
        await client.connect();
        client.on('notification', (message) => this.options.onNotification(message.channel, message.payload));
        for (const channel of channels) await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
        this.options.onListening?.();
        await lost;
      } catch (error) {
        cause = error;
      }
      await client.end().catch(() => undefined);
      if (this.stopping) break;
      this.options.onLost?.(cause);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, retryMs).unref();
      });
    }
  }
}
