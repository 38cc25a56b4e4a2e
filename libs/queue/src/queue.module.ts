import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import IORedis, { type Redis } from 'ioredis';
import { QueueRegistry } from './queue-registry';

export interface QueueOptions {
  redisUrl: string;
  /** BullMQ key prefix; tests use their own so they never see a running system's jobs. */
  prefix: string;
}

export const REDIS = Symbol('REDIS');
export const QUEUE_OPTIONS = Symbol('QUEUE_OPTIONS');

/** A plain client for readiness probes; fails fast instead of queueing commands while Redis is down. */
@Injectable()
export class RedisProbe implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async ping(): Promise<string> {
    if (this.redis.status === 'wait') await this.redis.connect();
    return this.redis.ping();
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

/**
 * The app's Redis settings, and BullMQ's connection (whose root module @nestjs/bullmq makes global):
 * configuration is ambient.
 */
@Module({})
class QueueOptionsModule {}

/**
 * The Redis client of the readiness probe and the registry of the app's queues, one of each per app.
 * A module that runs or fills a queue registers it with `BullModule.registerQueue` and imports
 * QueueModule to list it in the QueueRegistry; the app's root module imports `QueueModule.forRoot(options)` once.
 */
@Module({
  providers: [
    {
      provide: REDIS,
      useFactory: (options: QueueOptions) =>
        new IORedis(options.redisUrl, {
          lazyConnect: true,
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          connectTimeout: 1000,
        }),
      inject: [QUEUE_OPTIONS],
    },
    RedisProbe,
    QueueRegistry,
  ],
  exports: [REDIS, RedisProbe, QueueRegistry],
})
export class QueueModule {
  static forRoot(options: QueueOptions): DynamicModule {
    return {
      module: QueueOptionsModule,
      global: true,
      imports: [
        // Workers need maxRetriesPerRequest: null (BullMQ blocks on BRPOPLPUSH-style commands).
        BullModule.forRoot({
          prefix: options.prefix,
          connection: { url: options.redisUrl, maxRetriesPerRequest: null },
        }),
      ],
      providers: [{ provide: QUEUE_OPTIONS, useValue: options }],
      exports: [QUEUE_OPTIONS],
    };
  }
}
