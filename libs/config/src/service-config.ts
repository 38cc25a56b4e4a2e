import type { BaseEnv } from './env';

/** The typed configuration every service shares; apps add their own fields beside it. */
export interface ServiceConfig {
  service: string;
  env: BaseEnv['NODE_ENV'];
  http: { host: string; port: number };
  logLevel: string;
  database: { url: string; poolSize: number };
  redis: { url: string; bullmqPrefix: string };
  kafka: { brokers: string[]; topicPrefix: string };
  shutdownTimeoutMs: number;
}

export function serviceConfig(service: string, env: BaseEnv, port: number): ServiceConfig {
  return {
    service,
    env: env.NODE_ENV,
    http: { host: env.HOST, port },
    logLevel: env.LOG_LEVEL,
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE },
    redis: { url: env.REDIS_URL, bullmqPrefix: env.BULLMQ_PREFIX },
    kafka: { brokers: env.KAFKA_BROKERS, topicPrefix: env.KAFKA_TOPIC_PREFIX },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  };
}
