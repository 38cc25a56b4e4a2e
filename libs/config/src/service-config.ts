import { ConfigError, type BaseEnv } from './env';

export interface MessagingConfig {
  outbox: { batchSize: number; pollIntervalMs: number; retentionMs: number };
  inbox: { retentionMs: number };
  pruneIntervalMs: number;
  consumer: {
    maxAttempts: number;
    retryBaseMs: number;
    sessionTimeoutMs: number;
    heartbeatIntervalMs: number;
    fetchMaxWaitMs: number;
    partitionsConcurrently: number;
  };
  faults: { points: string[]; poisonSubjects: string[] };
}

/** The typed configuration every service shares; apps add their own fields beside it. */
export interface ServiceConfig {
  service: string;
  env: BaseEnv['NODE_ENV'];
  http: { host: string; port: number };
  logLevel: string;
  database: { url: string; poolSize: number };
  redis: { url: string; bullmqPrefix: string };
  kafka: { brokers: string[]; topicPrefix: string };
  messaging: MessagingConfig;
  identity: { cacheTtlMs: number };
  rateLimit: { max: number; windowMs: number; authFailuresMax: number };
  /** Simulated time for the clock port (libs/clock). */
  clock: { epoch?: Date; realStart?: Date; scale: number };
  shutdownTimeoutMs: number;
  /** V8's heap growing factor, in percent over the live heap (0: V8 decides). */
  heapGrowingPercent: number;
}

export function serviceConfig(service: string, env: BaseEnv, port: number): ServiceConfig {
  if (env.NODE_ENV === 'production' && (env.FAULT_POINTS.length || env.FAULT_POISON_SUBJECTS.length)) {
    throw new ConfigError([
      'FAULT_POINTS / FAULT_POISON_SUBJECTS: fault injection is refused when NODE_ENV=production',
    ]);
  }
  return {
    service,
    env: env.NODE_ENV,
    http: { host: env.HOST, port },
    logLevel: env.LOG_LEVEL,
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE },
    redis: { url: env.REDIS_URL, bullmqPrefix: env.BULLMQ_PREFIX },
    kafka: { brokers: env.KAFKA_BROKERS, topicPrefix: env.KAFKA_TOPIC_PREFIX },
    messaging: {
      outbox: {
        batchSize: env.OUTBOX_BATCH_SIZE,
        pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
        retentionMs: env.OUTBOX_RETENTION_MS,
      },
      inbox: { retentionMs: env.INBOX_RETENTION_MS },
      pruneIntervalMs: env.MESSAGING_PRUNE_INTERVAL_MS,
      consumer: {
        maxAttempts: env.CONSUMER_MAX_ATTEMPTS,
        retryBaseMs: env.CONSUMER_RETRY_BASE_MS,
        sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
        heartbeatIntervalMs: env.KAFKA_HEARTBEAT_INTERVAL_MS,
        fetchMaxWaitMs: env.KAFKA_FETCH_MAX_WAIT_MS,
        partitionsConcurrently: env.CONSUMER_PARTITIONS_CONCURRENTLY,
      },
      faults: { points: env.FAULT_POINTS, poisonSubjects: env.FAULT_POISON_SUBJECTS },
    },
    identity: { cacheTtlMs: env.API_KEY_CACHE_TTL_MS },
    rateLimit: {
      max: env.RATE_LIMIT_MAX,
      windowMs: env.RATE_LIMIT_WINDOW_MS,
      authFailuresMax: env.RATE_LIMIT_AUTH_FAILURES_MAX,
    },
    clock: { epoch: env.CLOCK_EPOCH, realStart: env.CLOCK_REAL_START, scale: env.CLOCK_SCALE },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    heapGrowingPercent: env.HEAP_GROWING_PERCENT,
  };
}
