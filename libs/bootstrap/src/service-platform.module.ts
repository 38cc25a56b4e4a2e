import { DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@lib/config';
import { DatabaseModule, type DatabaseOptions } from '@lib/database';
import { HealthModule } from '@lib/health';
import { LoggingModule } from '@lib/logging';
import { KafkaModule } from '@lib/messaging';
import { QueueModule } from '@lib/queue';

/** What every service stands on: JSON logs, its Postgres schema, Kafka, BullMQ/Redis and health probes. */
@Module({})
export class ServicePlatformModule {
  static forRoot(config: ServiceConfig, database: Pick<DatabaseOptions, 'migrations' | 'entities'>): DynamicModule {
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
        QueueModule.forRoot({ redisUrl: config.redis.url, prefix: config.redis.bullmqPrefix }),
        HealthModule,
      ],
    };
  }
}
