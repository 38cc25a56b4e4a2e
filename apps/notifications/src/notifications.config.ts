import { z } from 'zod';
import { baseEnvSchema, durationMs, parseEnv, port, serviceConfig, ConfigError, type ServiceConfig } from '@lib/config';
import { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule } from './delivery/retry-schedule';

/** Only for development and tests; NODE_ENV=production refuses it. */
const DEVELOPMENT_SECRET_KEY = Buffer.alloc(32, 'kz-pk-development-only').toString('base64');

export const notificationsEnvSchema = baseEnvSchema.extend({
  NOTIFICATIONS_PORT: port(3003),
  // Webhooks (Standard Webhooks 1.0): per-attempt timeout (real ms), and the retry schedule in simulated time.
  WEBHOOK_TIMEOUT_MS: durationMs(5_000, 100),
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .default(DEFAULT_RETRY_SCHEDULE)
    .transform((value, ctx) => {
      try {
        return parseRetrySchedule(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  // SSRF: endpoints resolving to loopback / private addresses are refused unless allowed (tests allow loopback).
  WEBHOOK_ALLOW_LOOPBACK: z.stringbool().default(false),
  WEBHOOK_ALLOW_PRIVATE: z.stringbool().default(false),
  // After a rotation the old secret still signs (a second signature) this long (simulated ms).
  WEBHOOK_SECRET_GRACE_MS: durationMs(24 * 3600_000),
  // Seals signing secrets at rest (AES-256-GCM): 32 bytes, base64.
  WEBHOOK_SECRET_KEY: z
    .string()
    .default(DEVELOPMENT_SECRET_KEY)
    .refine(
      (key) => Buffer.from(key, 'base64').length === 32,
      'must be 32 bytes, base64-encoded (openssl rand -base64 32)',
    ),
  // Subscriptions one shipper may have: each one multiplies every event's deliveries.
  SUBSCRIPTIONS_PER_SHIPPER: z.coerce.number().int().min(1).max(10_000).default(20),
  // Deliveries in flight at once per process (webhooks and email are I/O-bound).
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(50),
  // Email over SMTP (nodemailer).
  SMTP_HOST: z.string().default('127.0.0.1'),
  SMTP_PORT: port(1025),
  SMTP_SECURE: z.stringbool().default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  MAIL_FROM: z.string().default('KZ–PK Cargo Tracking <notifications@kzpk-logistics.example>'),
});

export interface NotificationsConfig extends ServiceConfig {
  webhooks: {
    timeoutMs: number;
    retryScheduleMs: number[];
    allowLoopback: boolean;
    allowPrivate: boolean;
    secretGraceMs: number;
    secretKey: string;
  };
  subscriptions: { maxPerShipper: number };
  delivery: { concurrency: number; sweepIntervalMs: number };
  smtp: { host: string; port: number; secure: boolean; user?: string; password?: string; from: string };
}

/** The only place the notifications service reads process.env. */
export function loadNotificationsConfig(env: NodeJS.ProcessEnv = process.env): NotificationsConfig {
  const parsed = parseEnv(notificationsEnvSchema, env);
  if (parsed.NODE_ENV === 'production' && parsed.WEBHOOK_SECRET_KEY === DEVELOPMENT_SECRET_KEY) {
    throw new ConfigError([
      'WEBHOOK_SECRET_KEY: set a key of your own (32 random bytes, base64) when NODE_ENV=production',
    ]);
  }
  return {
    ...serviceConfig('notifications', parsed, parsed.NOTIFICATIONS_PORT),
    webhooks: {
      timeoutMs: parsed.WEBHOOK_TIMEOUT_MS,
      retryScheduleMs: parsed.WEBHOOK_RETRY_SCHEDULE,
      allowLoopback: parsed.WEBHOOK_ALLOW_LOOPBACK,
      allowPrivate: parsed.WEBHOOK_ALLOW_PRIVATE,
      secretGraceMs: parsed.WEBHOOK_SECRET_GRACE_MS,
      secretKey: parsed.WEBHOOK_SECRET_KEY,
    },
    subscriptions: { maxPerShipper: parsed.SUBSCRIPTIONS_PER_SHIPPER },
    delivery: { concurrency: parsed.DELIVERY_CONCURRENCY, sweepIntervalMs: parsed.FOLLOW_UP_SWEEP_INTERVAL_MS },
    smtp: {
      host: parsed.SMTP_HOST,
      port: parsed.SMTP_PORT,
      secure: parsed.SMTP_SECURE,
      user: parsed.SMTP_USER,
      password: parsed.SMTP_PASSWORD,
      from: parsed.MAIL_FROM,
    },
  };
}
