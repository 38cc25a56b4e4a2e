import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Registry } from 'prom-client';
import { Public } from '@lib/http';
import { METRICS_REGISTRY } from './metrics.registry';

/** Prometheus' scrape endpoint; open like the health probes (and exempt from the rate limit in libs/http). */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @Header('content-type', Registry.PROMETHEUS_CONTENT_TYPE)
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
