import { Inject, Injectable, Optional } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { isEventType, topicKeyOf, topicName, type EventType } from '@lib/contracts';
import { FAULTS, Faults } from '../faults';
import { KAFKA } from '../kafka.module';
import { MESSAGING_METRICS, NO_MESSAGING_METRICS, type MessagingMetrics } from '../messaging-metrics';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { ConsumeLoop } from './consume-loop';
import { DeadLetterPublisher } from './dead-letter-publisher';
import { RecordApplier } from './record-applier';

/**
 * A custom Nest transport over kafkajs: `@EventPattern('<ce_type>')` handlers in controllers,
 * routed on the CloudEvents type rather than on topic names. Nest's built-in Kafka transport cannot
 * commit after our database transaction nor dead-letter, hence this server. It checks the handlers
 * and wires three parts together:
 *   - `ConsumeLoop`: the kafkajs consumer (reconnects, batches, offsets committed after the records' transactions);
 *   - `RecordApplier`: inbox row and handler in one transaction, retries, then a dead letter;
 *   - `DeadLetterPublisher`: the producer of `<topic>.dlq`.
 */
@Injectable()
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  /** `<topic prefix><service>`: the consumer group of this service. */
  readonly groupId: string;
  private readonly deadLetters: DeadLetterPublisher;
  private readonly loop: ConsumeLoop;
  override readonly propagatesEventHandlerErrors = true;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(KAFKA) kafka: Kafka,
    @InjectDataSource() dataSource: DataSource,
    @Inject(FAULTS) faults: Faults,
    @Optional() @Inject(MESSAGING_METRICS) metrics: MessagingMetrics = NO_MESSAGING_METRICS,
  ) {
    super();
    this.groupId = `${options.topicPrefix}${options.service}`;
    this.deadLetters = new DeadLetterPublisher(kafka, options.service, metrics);
    const applier = new RecordApplier(
      options,
      dataSource,
      (type) => this.getHandlerByPattern(type) ?? undefined,
      this.deadLetters,
      faults,
      metrics,
    );
    this.loop = new ConsumeLoop(kafka, this.groupId, options.consumer, applier, this.deadLetters, faults);
  }

  /** The `ce_type`s with a handler, checked against the catalogue: a typo fails the start, not the first event. */
  handledTypes(): EventType[] {
    const types: EventType[] = [];
    for (const [pattern, handler] of this.getHandlers()) {
      if (!isEventType(pattern)) throw new Error(`@EventPattern('${pattern}') is not a ce_type of the catalogue`);
      if (!handler.isEventHandler) throw new Error(`'${pattern}' must be an @EventPattern (events get no replies)`);
      if (handler.next) throw new Error(`'${pattern}' has more than one handler in ${this.options.service}`);
      types.push(pattern);
    }
    return types;
  }

  /** Topics this service consumes, derived from the types it handles. */
  topics(): string[] {
    return [...new Set(this.handledTypes().map((type) => topicName(topicKeyOf(type), this.options.topicPrefix)))];
  }

  listen(callback: (error?: unknown) => void): void {
    let topics: string[];
    try {
      topics = this.topics();
    } catch (error) {
      callback(error);
      return;
    }
    if (topics.length > 0) this.loop.start(topics, this.handledTypes());
    callback();
  }

  async close(): Promise<void> {
    await this.loop.close();
    await this.deadLetters.disconnect();
  }

  on(): never {
    throw new Error('KafkaEventServer has no events to subscribe to');
  }

  unwrap<T>(): T {
    return this.loop.current as T;
  }
}
