import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule } from '@lib/database';
import { HealthModule } from '@lib/health';
import { LoggingModule } from '@lib/logging';
import { KafkaModule } from '@lib/messaging';
import { QueueModule } from '@lib/queue';
import type { ConsoleConfig } from './console.config';
import { CONSOLE_CONFIG } from './console.tokens';
import { CorridorsModule } from './corridors/corridors.module';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { migrations } from './database/migrations';
import { KafkaBrowserModule } from './kafka-browser/kafka-browser.module';
import { ConsoleMetricsModule } from './metrics/console-metrics.module';
import { OverviewModule } from './overview/overview.module';
import { ShipmentViewModule } from './shipment-view/shipment-view.module';

/** The console's configuration, which every page reads: ambient (global), as the libraries' settings are. */
@Module({})
class ConsoleConfigModule {}

/**
 * The operator console: reads the system through the libraries the services use (Postgres through
 * libs/database, Kafka through libs/messaging's client, BullMQ through libs/queue) and writes only
 * its own `console` schema (sessions, the replay audit trail); replays dead letters through the
 * messaging library's DeadLetterStore, as `npm run ops -- dlq replay` does; reads one shipment from
 * the services' own HTTP APIs with an operator key, and replays a notification through the
 * notifications service's replay operation.
 * Its own /health/live and /health/ready as every service.
 */
@Module({})
export class ConsoleModule {
  static forRoot(config: ConsoleConfig): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [
        {
          module: ConsoleConfigModule,
          global: true,
          providers: [{ provide: CONSOLE_CONFIG, useValue: config }],
          exports: [CONSOLE_CONFIG],
        },
        LoggingModule.forRoot({ service: config.service, level: config.logLevel }),
        DatabaseModule.forRoot({
          url: config.database.url,
          poolSize: config.database.poolSize,
          schema: 'console',
          applicationName: 'console',
          migrations,
        }),
        KafkaModule.forRoot({
          brokers: config.kafka.brokers,
          clientId: config.service,
          topicPrefix: config.kafka.topicPrefix,
        }),
        QueueModule.forRoot({ redisUrl: config.redis.url, prefix: config.redis.bullmqPrefix }),
        HealthModule,
        ConsoleMetricsModule,
        OverviewModule,
        CorridorsModule,
        KafkaBrowserModule,
        DeadLettersModule,
        ShipmentViewModule,
      ],
    };
  }
}
