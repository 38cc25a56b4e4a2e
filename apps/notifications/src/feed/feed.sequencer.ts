import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { FEED_NUMBERED_CHANNEL } from './feed.channel';
import { FeedListener } from './feed.listener';

/** Positions given per run; a full run is followed at once by the next. */
const BATCH = 500;
/** The fallback when a NOTIFY was missed (the listener was reconnecting): committed rows wait at most this long. */
const POLL_MS = 1_000;
const LOCK = 'notifications-feed-sequencer';

/**
 * Gives committed feed notifications their feed position (`feed_seq`, the SSE id), in commit order.
 * `seq` is taken at insert while consumers commit concurrently, so a row with a lower `seq` can become
 * visible after a reader has moved past it. A position is only ever given to a committed row, by one
 * run at a time (an advisory lock, so every instance may run this), and each run commits before the
 * next one starts: a position given later is greater than any a reader can already have seen, and
 * `feed_seq > Last-Event-ID` misses nothing.
 */
@Injectable()
export class FeedSequencer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FeedSequencer.name);
  private stopping = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  /** Rows committed since the last run began: a NOTIFY during a run must not wait for the poll. */
  private signalled = false;
  private committed?: Subscription;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly listener: FeedListener,
  ) {}

  onApplicationBootstrap(): void {
    this.committed = this.listener.committed.subscribe(() => {
      this.signalled = true;
      this.wakeUp?.();
    });
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.committed?.unsubscribe();
    this.wakeUp?.();
    // A run stuck on a dead database must not hold up shutdown; an unfinished run rolls back.
    await Promise.race([this.loop, sleep(2_000, undefined, { ref: false })]);
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      this.signalled = false;
      let numbered = 0;
      try {
        numbered = await this.numberCommitted();
      } catch (error) {
        if (this.stopping) break;
        this.logger.warn({ err: error }, 'feed sequencer failed; trying again');
      }
      if (numbered < BATCH && !this.signalled) await this.pause(POLL_MS);
    }
  }

  /**
   * One run: positions for up to BATCH committed, unnumbered feed rows (in `seq` order), and a NOTIFY to
   * their readers at commit.
   */
  async numberCommitted(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK]);
      // A new statement, so a new snapshot: it sees what the run before this one committed.
      const shippers: { shipper_id: string; n: number }[] = await manager.query(
        `WITH next AS (
           SELECT id, seq FROM "notifications".notifications
            WHERE channel = 'feed' AND feed_seq IS NULL
            ORDER BY seq LIMIT $1 FOR UPDATE),
         -- volatile expressions are evaluated after ORDER BY: positions follow seq within a run
         positions AS (
           SELECT id, nextval('"notifications".notifications_feed_seq_seq') AS feed_seq FROM next ORDER BY seq),
         numbered AS (
           UPDATE "notifications".notifications n SET feed_seq = p.feed_seq FROM positions p WHERE n.id = p.id
           RETURNING n.shipper_id)
         SELECT shipper_id, count(*)::int AS n FROM numbered GROUP BY shipper_id`,
        [BATCH],
      );
      if (shippers.length) {
        await manager.query('SELECT pg_notify($1, shipper_id) FROM unnest($2::text[]) AS shipper_id', [
          FEED_NUMBERED_CHANNEL,
          shippers.map((s) => s.shipper_id),
        ]);
      }
      return shippers.reduce((sum, s) => sum + s.n, 0);
    });
  }

  private async pause(ms: number): Promise<void> {
    const abort = new AbortController();
    this.wakeUp = () => abort.abort();
    if (this.signalled || this.stopping) return;
    await sleep(ms, undefined, { signal: abort.signal }).catch(() => undefined);
    this.wakeUp = undefined;
  }
}
