import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { outboxBacklog } from '@lib/messaging';
import type { ConsoleConfig } from '../console.config';
import { CONSOLE_CONFIG } from '../console.tokens';
import type { OutboxStatus } from './sample';

/**
 * Each service's outbox backlog, read by the function the relay reports its own status with
 * (outboxBacklog): rows not yet published and the age of the oldest. Read-only; a service whose schema is not there
 * yet reports unknown.
 */
@Injectable()
export class OutboxProbe {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  sample(): Promise<OutboxStatus[]> {
    return Promise.all(
      this.config.services.map(async ({ name }) => {
        try {
          // Asked first, so a service not migrated yet is not a failed query (and a log line) every few seconds.
          const [{ present }]: { present: boolean }[] = await this.dataSource.query(
            'SELECT to_regclass($1) IS NOT NULL AS present',
            [`"${name}".outbox`],
          );
          if (!present) return { service: name, pending: null, oldestPendingAgeMs: null };
          return { service: name, ...(await outboxBacklog(this.dataSource, name)) };
        } catch {
          return { service: name, pending: null, oldestPendingAgeMs: null };
        }
      }),
    );
  }
}
