import { DynamicModule, Module } from '@nestjs/common';
import { KafkaEventServer } from './consumer/kafka-event.server';
import { FAULTS, Faults } from './faults';
import { KafkaModule } from './kafka.module';
import { MESSAGING_METRICS, MessagingMetricsSink } from './messaging-metrics';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { Outbox } from './outbox/outbox';
import { OutboxRelay } from './outbox/outbox-relay';

/** The app's messaging settings and the fault hooks they select: configuration is ambient (global). */
@Module({})
class MessagingOptionsModule {}

/**
 * The event backbone of one service: the outbox and its relay (producing side) and the event server
 * that feeds `@EventPattern` handlers (consuming side); one of each per app, however many modules
 * import it. A module that injects the Outbox imports MessagingModule; the app's root module imports
 * `MessagingModule.forRoot(options)` once. Needs the service's DataSource. Counts go to
 * `MESSAGING_METRICS`, a sink that a metrics module connects (else nothing is counted).
 */
@Module({
  imports: [KafkaModule],
  providers: [
    Outbox,
    OutboxRelay,
    KafkaEventServer,
    MessagingMetricsSink,
    { provide: MESSAGING_METRICS, useExisting: MessagingMetricsSink },
  ],
  exports: [Outbox, OutboxRelay, KafkaEventServer, MessagingMetricsSink],
})
export class MessagingModule {
  /** The settings, once per app. `FAULTS` comes with them: the hooks any library or app may name a point for. */
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingOptionsModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: FAULTS,
          useValue: new Faults(new Set(options.faults.points), new Set(options.faults.poisonSubjects)),
        },
      ],
      exports: [MESSAGING_OPTIONS, FAULTS],
    };
  }
}
