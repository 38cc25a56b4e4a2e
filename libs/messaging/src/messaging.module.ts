import { DynamicModule, Global, Module } from '@nestjs/common';
import { KafkaEventServer } from './consumer/kafka-event.server';
import { FAULTS, Faults } from './faults';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { Outbox } from './outbox/outbox';
import { OutboxRelay } from './outbox/outbox-relay';

/**
 * The event backbone of one service: the outbox and its relay (producing side) and the event
 * server that feeds `@EventPattern` handlers (consuming side). Needs KafkaModule and the service's DataSource.
 * Counts go to `MESSAGING_METRICS` when a metrics module provides it (globally), else nowhere: it is
 * not provided here, since a provider of this module would shadow the global one.
 */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: FAULTS,
          useValue: new Faults(new Set(options.faults.points), new Set(options.faults.poisonSubjects)),
        },
        Outbox,
        OutboxRelay,
        KafkaEventServer,
      ],
      exports: [Outbox, OutboxRelay, KafkaEventServer, MESSAGING_OPTIONS, FAULTS],
    };
  }
}
