import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { Gauge, type Registry } from 'prom-client';
import { KAFKA, KafkaEventServer } from '@lib/messaging';
import { consumerLag, type PartitionLag } from './consumer-lag';
import { METRICS_REGISTRY } from './metrics.registry';
import { withTimeout } from './with-timeout';

const LAG_TIMEOUT_MS = 3_000;

/**
 * Lag of the service's consumer group per topic and partition (high watermark minus committed
 * offset), read from the broker at scrape time. Absent when the service consumes nothing or the
 * broker does not answer in time.
 */
@Injectable()
export class ConsumerLagMetrics implements OnApplicationShutdown {
  private readonly logger = new Logger(ConsumerLagMetrics.name);
  private admin?: Admin;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly server: KafkaEventServer,
  ) {
    const lag: Gauge<'topic' | 'partition'> = new Gauge({
      name: 'logistics_kafka_consumer_lag',
      help: "Records the service's consumer group has not processed yet, by topic and partition.",
      labelNames: ['topic', 'partition'],
      registers: [registry],
      collect: async () => {
        lag.reset();
        for (const partition of await this.collect()) {
          lag.set({ topic: partition.topic, partition: String(partition.partition) }, partition.lag);
        }
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }

  private async collect(): Promise<PartitionLag[]> {
    try {
      const topics = this.server.topics();
      if (topics.length === 0) return [];
      return await withTimeout(this.read(topics), LAG_TIMEOUT_MS, 'consumer lag');
    } catch (error) {
      this.logger.warn({ err: error }, 'consumer lag not collected');
      // A failed admin keeps stale sockets; start from a clean one on the next scrape.
      const admin = this.admin;
      this.admin = undefined;
      await admin?.disconnect().catch(() => undefined);
      return [];
    }
  }

  private async read(topics: string[]): Promise<PartitionLag[]> {
    // No retries: a dead broker should fail this scrape fast, not stall the next ones.
    this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
    const admin = this.admin;
    await admin.connect();
    const committed = await admin.fetchOffsets({ groupId: this.server.groupId, topics });
    const perTopic = await Promise.all(
      topics.map(async (topic) => {
        const watermarks = (await admin.fetchTopicOffsets(topic)).map(({ partition, high, low }) => ({
          partition,
          high,
          low,
        }));
        return consumerLag(topic, watermarks, committed.find((c) => c.topic === topic)?.partitions ?? []);
      }),
    );
    return perTopic.flat();
  }
}
