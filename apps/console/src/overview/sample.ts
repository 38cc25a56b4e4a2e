import type { CommittedOffset, PartitionWatermarks } from '@lib/metrics';

/** What the console reads from the system at one instant; the overview is computed from a series of these. */
export interface Sample {
  /** Epoch ms. */
  at: number;
  health: ServiceHealth[];
  /** Absent when the broker did not answer in time. */
  kafka?: KafkaSample;
  outbox: OutboxStatus[];
  /** Absent when Redis did not answer in time. */
  queues?: QueueStatus[];
}

export interface ServiceHealth {
  service: string;
  url: string;
  /** `up`: /health/ready answered 200; `down`: it answered otherwise; `unreachable`: no answer. */
  status: 'up' | 'down' | 'unreachable';
  /** Each dependency as the service reported it (postgres, redis, kafka → up/down). */
  checks: Record<string, string>;
}

export interface KafkaSample {
  /** Every project topic, source topics and their `.dlq` twins. */
  topics: { topic: string; deadLetter: boolean; partitions: PartitionWatermarks[] }[];
  /** Each service's consumer group, with its committed offsets on the source topics it has committed on. */
  groups: { groupId: string; service: string; topics: { topic: string; committed: CommittedOffset[] }[] }[];
}

export interface OutboxStatus {
  service: string;
  /** Null when the service's outbox could not be read (schema not migrated yet, database down). */
  pending: number | null;
  oldestPendingAgeMs: number | null;
}

export interface QueueStatus {
  queue: string;
  waiting: number;
  delayed: number;
  active: number;
  failed: number;
  /** Epoch ms when the next delayed job is due; null when none is delayed. */
  nextDelayedAt: number | null;
}
