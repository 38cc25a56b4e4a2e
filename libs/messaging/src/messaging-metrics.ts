import type { EventType } from '@lib/contracts';
import type { ProcessOutcome } from './consumer/record-applier';

/**
 * Where the event backbone reports what it did, so messaging needs no metrics library. A metrics
 * module provides it globally under this token; without one, nothing is counted.
 */
export const MESSAGING_METRICS = Symbol('MESSAGING_METRICS');

export interface MessagingMetrics {
  /** `count` events of this type reached Kafka and were marked published. */
  published(type: EventType, count: number): void;
  /** One record was processed; `type` is `unknown` for records that are not events of the catalogue. */
  consumed(type: EventType | 'unknown', outcome: ProcessOutcome): void;
  /** One record of this (origin) topic went to its dead-letter topic. */
  deadLettered(topic: string): void;
}

export const NO_MESSAGING_METRICS: MessagingMetrics = {
  published: () => undefined,
  consumed: () => undefined,
  deadLettered: () => undefined,
};
