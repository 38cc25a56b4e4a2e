import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import IORedis, { type Redis } from 'ioredis';

export interface QueueOptions {
  redisUrl: string;
  /** BullMQ key prefix; tests use their own so they never see a running system's jobs. */
  prefix: string;
}

export const REDIS = Symbol('REDIS');

/** A plain client for readiness probes; fails fast instead of queueing commands while Redis is down. */
@Injectable()
export class RedisProbe implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async ping(): Promise<string> {
    if (this.redis.status === 'wait') await this.redis.connect();
    return this.redis.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

@Global()
@Module({})
export class QueueModule {
  static forRoot(options: QueueOptions): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        // Workers need maxRetriesPerRequest: null (BullMQ blocks on BRPOPLPUSH-style commands).
        BullModule.forRoot({
          prefix: options.prefix,
          connection: { url: options.redisUrl, maxRetriesPerRequest: null },
        }),
      ],
      providers: [
        {
          provide: REDIS,
          useFactory: () =>
            new IORedis(options.redisUrl, {
              lazyConnect: true,
              maxRetriesPerRequest: 1,
              enableOfflineQueue: false,
              connectTimeout: 1000,
            }),
        },
        RedisProbe,
      ],
      exports: [BullModule, REDIS, RedisProbe],
    };
  }
}
