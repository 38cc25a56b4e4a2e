import { Inject, Injectable, Optional } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import type { EventType } from '@lib/contracts';
import { MessagingMetricsSink, type MessagingMetrics, type ProcessOutcome } from '@lib/messaging';
import { METRICS_REGISTRY } from './metrics.registry';

/**
 * The event backbone's counts (the `MESSAGING_METRICS` port of libs/messaging) as Prometheus counters; connects itself
 * to the app's sink.
 */
@Injectable()
export class PrometheusMessagingMetrics implements MessagingMetrics {
  private readonly publishedTotal: Counter<'ce_type'>;
  private readonly consumedTotal: Counter<'ce_type' | 'outcome'>;
  private readonly deadLetteredTotal: Counter<'topic'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry, @Optional() sink?: MessagingMetricsSink) {
    this.publishedTotal = new Counter({
      name: 'logistics_events_published_total',
      help: 'Events the outbox relay published to Kafka and marked published, by ce_type.',
      labelNames: ['ce_type'],
      registers: [registry],
    });
    this.consumedTotal = new Counter({
      name: 'logistics_events_consumed_total',
      help:
        'Records the event server processed, by ce_type (unknown when not an event of the catalogue) ' +
        'and outcome (applied, duplicate, ignored, dead-lettered).',
      labelNames: ['ce_type', 'outcome'],
      registers: [registry],
    });
    this.deadLetteredTotal = new Counter({
      name: 'logistics_events_dead_lettered_total',
      help: 'Records written to <topic>.dlq, by origin topic.',
      labelNames: ['topic'],
      registers: [registry],
    });
    sink?.connect(this);
  }

  published(type: EventType, count: number): void {
    this.publishedTotal.inc({ ce_type: type }, count);
  }

  consumed(type: EventType | 'unknown', outcome: ProcessOutcome): void {
    this.consumedTotal.inc({ ce_type: type, outcome });
  }

  deadLettered(topic: string): void {
    this.deadLetteredTotal.inc({ topic });
  }
}
