import { DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@lib/config';
import type { TopicKey } from '@lib/contracts';
import { DatabaseModule, type DatabaseOptions } from '@lib/database';
import { HealthModule } from '@lib/health';
import { LoggingModule } from '@lib/logging';
import { KafkaModule, MessagingModule } from '@lib/messaging';
import { QueueModule } from '@lib/queue';

/** What every service stands on: JSON logs, its Postgres schema, Kafka with the outbox and event server, BullMQ/Redis and health probes. */
@Module({})
export class ServicePlatformModule {
  static forRoot(
    config: ServiceConfig,
    options: Pick<DatabaseOptions, 'migrations' | 'entities'> & { publishes: TopicKey },
  ): DynamicModule {
    const { publishes, ...database } = options;
    return {
      module: ServicePlatformModule,
      imports: [
        LoggingModule.forRoot({ service: config.service, level: config.logLevel }),
        DatabaseModule.forRoot({
          url: config.database.url,
          poolSize: config.database.poolSize,
          schema: config.service,
          applicationName: config.service,
          ...database,
        }),
        KafkaModule.forRoot({ brokers: config.kafka.brokers, clientId: config.service, topicPrefix: config.kafka.topicPrefix }),
        MessagingModule.forRoot({
          ...config.messaging,
          service: config.service,
          publishes,
          schema: config.service,
          databaseUrl: config.database.url,
          topicPrefix: config.kafka.topicPrefix,
        }),
        QueueModule.forRoot({ redisUrl: config.redis.url, prefix: config.redis.bullmqPrefix }),
        HealthModule,
      ],
    };
  }
}
