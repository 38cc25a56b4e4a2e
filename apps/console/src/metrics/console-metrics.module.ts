import { Module } from '@nestjs/common';
import { createServiceRegistry, HttpMetrics, METRICS_REGISTRY, MetricsController } from '@lib/metrics';
import { ConsoleMetrics } from './console-metrics';

/**
 * `GET /metrics` for the console, open like the services' (no session; Prometheus scrapes it), from
 * libs/metrics as every service's: its own registry labelled `service="console"` with Node's process
 * metrics and the HTTP request metrics, plus the console's sign-ins and open overview streams. Not
 * MetricsModule itself: that one measures an outbox relay and an event server, which the console
 * does not run (its view of the services' lag, backlog and queues is what their own /metrics say).
 */
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: METRICS_REGISTRY, useFactory: () => createServiceRegistry('console') },
    HttpMetrics,
    ConsoleMetrics,
  ],
})
export class ConsoleMetricsModule {}
