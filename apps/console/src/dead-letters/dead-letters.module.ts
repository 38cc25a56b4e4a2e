import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { DeadLetterStore, KAFKA, KafkaModule } from '@lib/messaging';
import type { ConsoleConfig } from '../console.config';
import { CONSOLE_CONFIG } from '../console.tokens';
import { SessionModule } from '../session/session.module';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersService } from './dead-letters.service';
import { ReplayAuditStore } from './replay-audit.store';

/** Dead letters: list, inspect, replay with a confirmation, and the audit trail of replays. */
@Module({
  imports: [SessionModule, KafkaModule],
  controllers: [DeadLettersController],
  providers: [
    {
      provide: DeadLetterStore,
      useFactory: (kafka: Kafka, config: ConsoleConfig) => new DeadLetterStore(kafka, config.kafka.topicPrefix),
      inject: [KAFKA, CONSOLE_CONFIG],
    },
    {
      provide: ReplayAuditStore,
      useFactory: (dataSource: DataSource) => new ReplayAuditStore(dataSource),
      inject: [getDataSourceToken()],
    },
    DeadLettersService,
  ],
  // The shipment view audits its notification replays in the same trail.
  exports: [ReplayAuditStore],
})
export class DeadLettersModule {}
