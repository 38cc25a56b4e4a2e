import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { allTopics, isDeadLetterTopic, topicName } from '@lib/contracts';
import { KAFKA } from '@lib/messaging';
import type { ConsoleConfig } from '../console.config';
import { CONSOLE_CONFIG } from '../console.tokens';
import type { KafkaSample } from './sample';

/**
 * Offsets of every project topic and of each service's consumer group, through the messaging
 * library's Kafka client (an admin of its own that fails fast, as the services' lag metrics use).
 * A service's group is named `<KAFKA_TOPIC_PREFIX><service>` (KafkaEventServer).
 */
@Injectable()
export class KafkaProbe implements OnApplicationShutdown {
  private admin?: Admin;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  async sample(): Promise<KafkaSample> {
    const prefix = this.config.kafka.topicPrefix;
    this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
    const admin = this.admin;
    try {
      await admin.connect();
      const names = allTopics(prefix).map((t) => t.name);
      const sources = this.config.services.map((s) => topicName(s.name, prefix));
      const topics = await Promise.all(
        names.map(async (topic) => ({
          topic,
          deadLetter: isDeadLetterTopic(topic),
          partitions: (await admin.fetchTopicOffsets(topic)).map(({ partition, high, low }) => ({
            partition,
            high,
            low,
          })),
        })),
      );
      const groups = await Promise.all(
        this.config.services.map(async ({ name }) => {
          const groupId = `${prefix}${name}`;
          const committed = await admin.fetchOffsets({ groupId, topics: sources });
          return {
            groupId,
            service: name,
            // A topic the group has never committed on is one it does not consume (or has not started on).
            topics: committed
              .filter(({ partitions }) => partitions.some((p) => Number(p.offset) >= 0))
              .map(({ topic, partitions }) => ({
                topic,
                committed: partitions.map(({ partition, offset }) => ({ partition, offset })),
              })),
          };
        }),
      );
      return { topics, groups };
    } catch (error) {
      // A failed admin keeps stale sockets; start from a clean one next time.
      this.admin = undefined;
      await admin.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }
}
