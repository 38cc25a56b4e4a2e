import type { EventType } from '@lib/contracts';
import type { ProcessOutcome } from './consumer/record-applier';

/**
 * Where the event backbone reports what it did, so messaging needs no metrics library. MessagingModule
 * provides it as a MessagingMetricsSink, which a metrics module connects to its counters; without one,
 * nothing is counted.
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

/**
 * The port as MessagingModule provides it: forwards to the counters a metrics module connects (that
 * module reads the relay and the event server too, so it imports MessagingModule, not the reverse).
 */
export class MessagingMetricsSink implements MessagingMetrics {
  private target: MessagingMetrics = NO_MESSAGING_METRICS;

  connect(target: MessagingMetrics): void {
    this.target = target;
  }

  published(type: EventType, count: number): void {
    this.target.published(type, count);
  }

  consumed(type: EventType | 'unknown', outcome: ProcessOutcome): void {
    this.target.consumed(type, outcome);
  }

  deadLettered(topic: string): void {
    this.target.deadLettered(topic);
  }
}
