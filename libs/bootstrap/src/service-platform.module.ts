import { DynamicModule, Module } from '@nestjs/common';
import { ClockModule } from '@lib/clock';
import type { ServiceConfig } from '@lib/config';
import type { TopicKey } from '@lib/contracts';
import { DatabaseModule, type DatabaseOptions } from '@lib/database';
import { HealthModule } from '@lib/health';
import { HttpPlatformModule, type AnswerSealer, type OpenApiInfo } from '@lib/http';
import { claimedKeyId, IdentityModule } from '@lib/identity';
import { LoggingModule } from '@lib/logging';
import { KafkaModule, MessagingModule } from '@lib/messaging';
import { MetricsModule } from '@lib/metrics';
import { QueueModule } from '@lib/queue';

/**
 * What every service stands on: JSON logs, its Postgres schema, Kafka with the outbox and event server,
 * BullMQ/Redis, API keys, health probes and /metrics. Each library is configured here once; only
 * configuration, logging and the clock are global, so a feature module imports the modules it injects
 * from (MessagingModule for the Outbox, QueueModule to register a queue …), which are one instance per app.
 */
@Module({})
export class ServicePlatformModule {
  static forRoot(
    config: ServiceConfig,
    options: Pick<DatabaseOptions, 'migrations' | 'entities'> & {
      publishes: TopicKey;
      openApi: OpenApiInfo;
      idempotencySealer?: AnswerSealer;
    },
  ): DynamicModule {
    const { publishes, openApi, idempotencySealer, ...database } = options;
    return {
      module: ServicePlatformModule,
      imports: [
        LoggingModule.forRoot({ service: config.service, level: config.logLevel }),
        ClockModule.forRoot(config.clock),
        DatabaseModule.forRoot({
          url: config.database.url,
          poolSize: config.database.poolSize,
          schema: config.service,
          applicationName: config.service,
          ...database,
        }),
        KafkaModule.forRoot({
          brokers: config.kafka.brokers,
          clientId: config.service,
          topicPrefix: config.kafka.topicPrefix,
        }),
        MessagingModule.forRoot({
          ...config.messaging,
          service: config.service,
          publishes,
          schema: config.service,
          databaseUrl: config.database.url,
          topicPrefix: config.kafka.topicPrefix,
        }),
        QueueModule.forRoot({ redisUrl: config.redis.url, prefix: config.redis.bullmqPrefix }),
        IdentityModule.forRoot({ databaseUrl: config.database.url, cacheTtlMs: config.identity.cacheTtlMs }),
        // The event server and the relay run whether or not a feature publishes or consumes.
        MessagingModule,
        HttpPlatformModule.forRoot({
          service: config.service,
          schema: config.service,
          redisUrl: config.redis.url,
          redisPrefix: config.redis.bullmqPrefix,
          rateLimit: config.rateLimit,
          openApi,
          idempotencySealer,
          authenticatedBy: IdentityModule,
          keyIdOf: claimedKeyId,
        }),
        HealthModule,
        MetricsModule.forRoot({ service: config.service }),
      ],
    };
  }
}
