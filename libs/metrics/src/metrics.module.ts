import { Global, Module, type DynamicModule } from '@nestjs/common';
import { MESSAGING_METRICS } from '@lib/messaging';
import { ConsumerLagMetrics } from './consumer-lag-metrics';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { createServiceRegistry, METRICS_REGISTRY } from './metrics.registry';
import { OutboxMetrics } from './outbox-metrics';
import { PrometheusMessagingMetrics } from './prometheus-messaging-metrics';
import { QueueMetrics } from './queue-metrics';

export interface MetricsOptions {
  /** The `service` label on every series. */
  service: string;
}

/**
 * `GET /metrics` for one service, on a registry of its own: HTTP, the event backbone (through the
 * `MESSAGING_METRICS` port it provides globally), outbox backlog, consumer lag and BullMQ queues.
 * Needs MessagingModule and KafkaModule in the app.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsOptions): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [
        { provide: METRICS_REGISTRY, useFactory: () => createServiceRegistry(options.service) },
        { provide: MESSAGING_METRICS, useClass: PrometheusMessagingMetrics },
        HttpMetrics,
        OutboxMetrics,
        ConsumerLagMetrics,
        QueueMetrics,
      ],
      exports: [METRICS_REGISTRY, MESSAGING_METRICS, QueueMetrics],
    };
  }
}
