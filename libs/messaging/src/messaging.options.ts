import type { MessagingConfig } from '@lib/config';
import type { TopicKey } from '@lib/contracts';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingOptions extends MessagingConfig {
  /** The service name: consumer group, outbox relay lock and `ce_source` come from it. */
  service: string;
  /** The topic this service publishes on. */
  publishes: TopicKey;
  /** The service's Postgres schema, holding its `outbox` and `inbox` tables. */
  schema: string;
  databaseUrl: string;
  topicPrefix: string;
  /**
   * The outbox relay's leader lock: how often its session is checked, how long a statement on it may hang
   * (defaults 5 s / 15 s; tests shorten them).
   */
  leaderLock?: { checkIntervalMs: number; queryTimeoutMs: number };
}
