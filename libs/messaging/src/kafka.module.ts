import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { createKafka, type KafkaClientOptions } from './kafka-client';

export const KAFKA = Symbol('KAFKA');
export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');

/**
 * A long-lived admin client used for readiness checks; it connects lazily and fails fast
 * (no retries) so a health probe never hangs on a broker that is down.
 */
@Injectable()
export class KafkaAdmin implements OnApplicationShutdown {
  private admin?: Admin;
  private readonly probeClient: Kafka;

  constructor(@Inject(KAFKA_OPTIONS) options: KafkaClientOptions) {
    this.probeClient = createKafka(
      { ...options, clientId: `${options.clientId}-admin` },
      { retry: { retries: 0 }, connectionTimeout: 1000, requestTimeout: 2000 },
    );
  }

  async describeCluster(): Promise<{ brokers: number; controller: number | null }> {
    this.admin ??= this.probeClient.admin();
    try {
      await this.admin.connect();
      const cluster = await this.admin.describeCluster();
      return { brokers: cluster.brokers.length, controller: cluster.controller };
    } catch (error) {
      // A failed admin keeps stale sockets; start from a clean one on the next probe.
      await this.admin.disconnect().catch(() => undefined);
      this.admin = undefined;
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
  }
}

/** The app's Kafka settings: configuration is ambient (global), the clients are not. */
@Module({})
class KafkaOptionsModule {}

/**
 * One Kafka client per app (producers and consumers come from it) and the readiness admin. A module
 * that injects them imports KafkaModule; the app's root module imports `KafkaModule.forRoot(options)` once.
 */
@Module({
  providers: [
    { provide: KAFKA, useFactory: (options: KafkaClientOptions) => createKafka(options), inject: [KAFKA_OPTIONS] },
    KafkaAdmin,
  ],
  exports: [KAFKA, KafkaAdmin],
})
export class KafkaModule {
  /** The settings, once per app (the clients stay in KafkaModule, one of each however many modules import it). */
  static forRoot(options: KafkaClientOptions): DynamicModule {
    return {
      module: KafkaOptionsModule,
      global: true,
      providers: [{ provide: KAFKA_OPTIONS, useValue: options }],
      exports: [KAFKA_OPTIONS],
    };
  }
}
