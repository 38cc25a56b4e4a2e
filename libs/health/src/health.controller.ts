import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@lib/http';
import { KafkaAdmin } from '@lib/messaging';
import { RedisProbe } from '@lib/queue';

const PROBE_TIMEOUT_MS = 1500;

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly kafka: KafkaAdmin,
    private readonly redis: RedisProbe,
  ) {}

  /** Ready to take traffic: Postgres, Redis and Kafka all answer. 503 otherwise. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.postgres.pingCheck('postgres').withTimeout(PROBE_TIMEOUT_MS),
      () =>
        this.indicators
          .check('redis')
          .attempt(async () => ({ reply: await this.redis.ping() }))
          .withTimeout(PROBE_TIMEOUT_MS),
      () =>
        this.indicators
          .check('kafka')
          .attempt(() => this.kafka.describeCluster())
          .withTimeout(PROBE_TIMEOUT_MS * 2),
    ]);
  }
}
