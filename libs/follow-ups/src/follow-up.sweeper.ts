import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import IORedis, { type Redis } from 'ioredis';
import { FollowUps } from './follow-ups.service';

export const FOLLOW_UP_SWEEP = Symbol('FOLLOW_UP_SWEEP');

export interface SweepOptions {
  intervalMs: number;
  /** Watched so that a Redis that comes back (empty) is refilled at once, not at the next period. */
  redisUrl: string;
}

/** Redis here keeps nothing across a restart: pending follow-ups are re-scheduled from Postgres at start, on every reconnect, and periodically. */
@Injectable()
export class FollowUpSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FollowUpSweeper.name);
  private timer?: NodeJS.Timeout;
  private watcher?: Redis;

  constructor(
    private readonly followUps: FollowUps,
    @Inject(FOLLOW_UP_SWEEP) private readonly options: SweepOptions,
  ) {}

  onApplicationBootstrap(): void {
    let connections = 0;
    this.watcher = new IORedis(this.options.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.watcher.on('error', () => undefined); // readiness reports Redis
    this.watcher.on('ready', () => {
      if (connections++ > 0) void this.run('redis reconnected');
    });
    void this.run('start');
    this.timer = setInterval(() => void this.run('periodic'), this.options.intervalMs).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.watcher?.disconnect();
  }

  private async run(reason: string): Promise<void> {
    try {
      const count = await this.followUps.sweep();
      if (count) this.logger.debug({ reason, pending: count }, 'follow-ups re-scheduled');
    } catch (error) {
      this.logger.warn({ err: error, reason }, 'follow-up sweep failed; next one retries');
    }
  }
}
