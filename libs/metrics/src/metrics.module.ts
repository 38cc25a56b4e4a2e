import { Module, type DynamicModule } from '@nestjs/common';
import { KafkaModule, MessagingModule } from '@lib/messaging';
import { QueueModule } from '@lib/queue';
import { ConsumerLagMetrics } from './consumer-lag-metrics';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { createServiceRegistry, METRICS_REGISTRY } from './metrics.registry';
import { OutboxMetrics } from './outbox-metrics';
import { PrometheusMessagingMetrics } from './prometheus-messaging-metrics';
import { QueueMetrics } from './queue-metrics';

interface MetricsOptions {
  /** The `service` label on every series. */
  service: string;
}

/**
 * `GET /metrics` for one service, on a registry of its own: HTTP, the event backbone (its counts
 * through the sink of libs/messaging' `MESSAGING_METRICS` port), outbox backlog, consumer lag and the
 * BullMQ queues of the app's QueueRegistry. Imported once, by the app's root module; it observes the
 * app (it imports the modules it reads) and nothing imports it.
 */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsOptions): DynamicModule {
    return {
      module: MetricsModule,
      imports: [KafkaModule, MessagingModule, QueueModule],
      controllers: [MetricsController],
      providers: [
        { provide: METRICS_REGISTRY, useFactory: () => createServiceRegistry(options.service) },
        PrometheusMessagingMetrics,
        HttpMetrics,
        OutboxMetrics,
        ConsumerLagMetrics,
        QueueMetrics,
      ],
    };
  }
}
