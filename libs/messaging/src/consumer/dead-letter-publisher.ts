import { Logger } from '@nestjs/common';
import { Partitioners, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import { deadLetterTopicName } from '@lib/contracts';
import type { MessagingMetrics } from '../messaging-metrics';
import { toDeadLetter } from './dead-letter';
import type { RecordPosition } from './event-context';

/**
 * Where a record that cannot be applied goes, so its partition can move on: `<topic>.dlq`, the record
 * as it came with the error, its origin and the attempts added (`toDeadLetter`).
 */
export class DeadLetterPublisher {
  private readonly log = new Logger(DeadLetterPublisher.name);
  private readonly producer: Producer;

  /** `consumer`: the service whose handler gave up, written into each dead letter. */
  constructor(
    kafka: Kafka,
    private readonly consumer: string,
    private readonly metrics: MessagingMetrics,
  ) {
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  /** Part of shutdown: never throws. */
  async disconnect(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }

  /** Resolves once every in-sync replica has the dead letter (acks -1); throws if it cannot be written. */
  async publish(position: RecordPosition, message: KafkaMessage, error: unknown, attempts: number): Promise<void> {
    const failure = error instanceof Error ? error : new Error(String(error));
    await this.producer.send({
      topic: deadLetterTopicName(position.topic),
      acks: -1,
      messages: [
        toDeadLetter(message, {
          error: failure.message,
          errorType: failure.name,
          topic: position.topic,
          partition: position.partition,
          offset: position.offset,
          consumer: this.consumer,
          attempts,
          // Operational time (wall clock), to line up with the logs; simulated time is for domain facts.
          failedAt: new Date().toISOString(),
        }),
      ],
    });
    this.metrics.deadLettered(position.topic);
    this.log.error({ err: failure, ...position, attempts }, 'event dead-lettered');
  }
}
