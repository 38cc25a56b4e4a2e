import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { baseEnvSchema, ConfigError, durationMs, parseEnv, port, url } from '@lib/config';
import type { TopicKey } from '@lib/contracts';

const consoleEnvSchema = baseEnvSchema.extend({
  CONSOLE_PORT: port(3004),
  // Where the console finds each service's /health/ready.
  SHIPMENTS_URL: url(['http:', 'https:'], 'http://127.0.0.1:3001'),
  CUSTOMS_URL: url(['http:', 'https:'], 'http://127.0.0.1:3002'),
  NOTIFICATIONS_URL: url(['http:', 'https:'], 'http://127.0.0.1:3003'),
  // How long a signed-in session lasts (absolute, from sign-in).
  CONSOLE_SESSION_TTL_MS: durationMs(8 * 3600_000, 60_000),
  // How often the overview samples the system; sparklines keep CONSOLE_HISTORY_MS of samples in memory.
  CONSOLE_SAMPLE_INTERVAL_MS: durationMs(5_000, 200),
  CONSOLE_HISTORY_MS: durationMs(15 * 60_000, 10_000),
  // Signs the CSRF secret's cookie. Unset: a random key per process (fine for one instance; forms
  // rendered before a restart are refused once). Set it, the same on every instance, when running several.
  CONSOLE_COOKIE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // An operator's API key (`key_….…`, or the whole `Bearer …` value) the console reads the services'
  // own HTTP APIs with for the shipment view, and replays notifications with. Unset: that page shows
  // only the Kafka facts. A secret like the others: never logged.
  CONSOLE_OPERATOR_KEY: z.string().trim().min(1).optional(),
  // Behind a TLS-terminating proxy: trust its X-Forwarded-* headers, so the cookies are marked Secure.
  CONSOLE_TRUST_PROXY: z.stringbool().default(false),
});

interface WatchedService {
  name: TopicKey;
  url: string;
}

export interface ConsoleConfig {
  service: 'console';
  env: 'development' | 'production' | 'test';
  http: { host: string; port: number; trustProxy: boolean };
  logLevel: string;
  database: { url: string; poolSize: number };
  redis: { url: string; bullmqPrefix: string };
  kafka: { brokers: string[]; topicPrefix: string };
  identity: { cacheTtlMs: number };
  /** Failed sign-ins per client address per window before keys are no longer looked up. */
  signInFailures: { max: number; windowMs: number };
  session: { ttlMs: number; cookieSecret: string };
  overview: { sampleIntervalMs: number; historyMs: number };
  services: WatchedService[];
  /** The `Authorization` value the console calls the services' APIs with (an operator key), if it was given one. */
  operatorAuthorization?: string;
  shutdownTimeoutMs: number;
}

/** The only place the console reads process.env. */
export function loadConsoleConfig(env: NodeJS.ProcessEnv = process.env): ConsoleConfig {
  const parsed = parseEnv(consoleEnvSchema, env);
  if (parsed.NODE_ENV === 'production' && !parsed.CONSOLE_COOKIE_SECRET) {
    throw new ConfigError([
      'CONSOLE_COOKIE_SECRET: required when NODE_ENV=production (32+ random characters, the same on every instance)',
    ]);
  }
  return {
    service: 'console',
    env: parsed.NODE_ENV,
    http: { host: parsed.HOST, port: parsed.CONSOLE_PORT, trustProxy: parsed.CONSOLE_TRUST_PROXY },
    logLevel: parsed.LOG_LEVEL,
    database: { url: parsed.DATABASE_URL, poolSize: Math.min(parsed.DATABASE_POOL_SIZE, 5) },
    redis: { url: parsed.REDIS_URL, bullmqPrefix: parsed.BULLMQ_PREFIX },
    kafka: { brokers: parsed.KAFKA_BROKERS, topicPrefix: parsed.KAFKA_TOPIC_PREFIX },
    identity: { cacheTtlMs: parsed.API_KEY_CACHE_TTL_MS },
    signInFailures: { max: parsed.RATE_LIMIT_AUTH_FAILURES_MAX, windowMs: parsed.RATE_LIMIT_WINDOW_MS },
    session: {
      ttlMs: parsed.CONSOLE_SESSION_TTL_MS,
      cookieSecret: parsed.CONSOLE_COOKIE_SECRET ?? randomBytes(32).toString('base64url'),
    },
    overview: { sampleIntervalMs: parsed.CONSOLE_SAMPLE_INTERVAL_MS, historyMs: parsed.CONSOLE_HISTORY_MS },
    services: [
      { name: 'shipments', url: parsed.SHIPMENTS_URL },
      { name: 'customs', url: parsed.CUSTOMS_URL },
      { name: 'notifications', url: parsed.NOTIFICATIONS_URL },
    ],
    operatorAuthorization:
      parsed.CONSOLE_OPERATOR_KEY &&
      (/^bearer /i.test(parsed.CONSOLE_OPERATOR_KEY)
        ? parsed.CONSOLE_OPERATOR_KEY
        : `Bearer ${parsed.CONSOLE_OPERATOR_KEY}`),
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS,
  };
}
