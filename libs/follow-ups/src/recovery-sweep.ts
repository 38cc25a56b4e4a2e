import { Logger } from '@nestjs/common';
import IORedis, { type Redis } from 'ioredis';

export interface SweepOptions {
  intervalMs: number;
  /** Watched so that a Redis that comes back (empty) is refilled at once, not at the next period. */
  redisUrl: string;
}

/**
 * Redis here keeps nothing across a restart, so whatever BullMQ should be holding is re-added from
 * Postgres by `sweep`: at start, on every Redis reconnect, and periodically. `sweep` returns how many it re-added.
 */
export class RecoverySweep {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private watcher?: Redis;

  constructor(
    name: string,
    private readonly options: SweepOptions,
    private readonly sweep: () => Promise<number>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    let connections = 0;
    this.watcher = new IORedis(this.options.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.watcher.on('error', () => undefined); // readiness reports Redis
    this.watcher.on('ready', () => {
      if (connections++ > 0) void this.run('redis reconnected');
    });
    void this.run('start');
    this.timer = setInterval(() => void this.run('periodic'), this.options.intervalMs).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.watcher?.disconnect();
  }

  private async run(reason: string): Promise<void> {
    try {
      const count = await this.sweep();
      if (count) this.logger.debug({ reason, pending: count }, 're-scheduled from Postgres');
    } catch (error) {
      this.logger.warn({ err: error, reason }, 'sweep failed; the next one retries');
    }
  }
}
