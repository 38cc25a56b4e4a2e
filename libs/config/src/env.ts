import { z } from 'zod';
import { DEAD_LETTER_RETENTION_MS, SOURCE_TOPIC_RETENTION_MS } from '@lib/contracts';

/** Thrown when the environment does not describe a runnable service; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const url = (protocols: string[], fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((value) => URL.canParse(value) && protocols.includes(new URL(value).protocol), {
      message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    });

export const durationMs = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

const DAY_MS = 24 * 3600_000;

/**
 * How long processed ids (the inbox) must be kept so that no copy of a record, replayed dead letters
 * included, applies twice: a lagging consumer may dead-letter a record up to the source topic's
 * retention after another applied it, the dead letter waits its own retention for a replay, and the
 * replay goes back onto the source topic, where a lagging consumer may meet it for that retention again.
 */
export const MIN_INBOX_RETENTION_MS = DEAD_LETTER_RETENTION_MS + 2 * SOURCE_TOPIC_RETENTION_MS;

/** A comma-separated list; empty means none. */
export const list = () =>
  z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    );

const hostPortList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .refine((hosts) => hosts.length > 0 && hosts.every((h) => /^[^:\s]+:\d{1,5}$/.test(h)), {
      message: 'must be a comma-separated list of host:port',
    });

/** Variables every service reads; each app extends this with its own. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://postgres@127.0.0.1:5432/logistics'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  BULLMQ_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only')
    .default('logistics'),
  KAFKA_BROKERS: hostPortList('127.0.0.1:9092'),
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]*$/, 'letters, digits, _ . - only')
    .default(''),
  SHUTDOWN_TIMEOUT_MS: durationMs(10_000),
  // V8 grows the heap by this share of what survived the last full GC (0: V8's own choice, which let
  // garbage take a service past 250 MB under load; 20 keeps it under 200 MB — see the README's benchmarks).
  HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(400).default(20),
  // Requests per verified API key in each window; beyond it, 429.
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_WINDOW_MS: durationMs(60_000, 1_000),
  // Requests without a valid API key (absent, malformed, unknown, revoked,
  // wrong secret) per client address in each window.
  RATE_LIMIT_AUTH_FAILURES_MAX: z.coerce.number().int().min(1).default(60),
  // Verified API keys are trusted this long without asking Postgres; at most 30 s so a revocation bites within 30 s.
  API_KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).max(30_000).default(30_000),
  // Messaging: the outbox relay, the idempotent consumer and the pruning of both tables.
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(200),
  OUTBOX_POLL_INTERVAL_MS: durationMs(1_000, 50),
  OUTBOX_RETENTION_MS: durationMs(3 * 24 * 3600_000),
  // Processed ids must outlive every copy of a record a consumer can still meet (MIN_INBOX_RETENTION_MS:
  // source topic, then dead letter, then the replay back on the source topic).
  // Pruned sooner, a late replay applies twice.
  INBOX_RETENTION_MS: durationMs(45 * DAY_MS).refine((ms) => ms >= MIN_INBOX_RETENTION_MS, {
    message:
      `must be at least ${MIN_INBOX_RETENTION_MS} ms (${MIN_INBOX_RETENTION_MS / DAY_MS} days: ` +
      `the source topics' ${SOURCE_TOPIC_RETENTION_MS / DAY_MS} before a record is dead-lettered, ` +
      `the dead letters' ${DEAD_LETTER_RETENTION_MS / DAY_MS} on <topic>.dlq, ` +
      `and ${SOURCE_TOPIC_RETENTION_MS / DAY_MS} more for the replay on the source topic), ` +
      'or a late dead-letter replay is applied twice',
  }),
  MESSAGING_PRUNE_INTERVAL_MS: durationMs(10 * 60_000, 1_000),
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  // Partitions a consumer applies at once (order holds within a partition,
  // i.e. per shipment); each takes a pooled connection.
  CONSUMER_PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(32).default(4),
  CONSUMER_RETRY_BASE_MS: durationMs(200, 1),
  KAFKA_SESSION_TIMEOUT_MS: durationMs(30_000, 2_000),
  KAFKA_HEARTBEAT_INTERVAL_MS: durationMs(3_000, 100),
  // How long the broker may hold a fetch open when there is nothing to read. A consumer's disconnect
  // waits for the fetch in flight, so this bounds how long stopping a service takes (kafkajs' 5 s).
  KAFKA_FETCH_MAX_WAIT_MS: durationMs(5_000, 10),
  // Real time between sweeps that re-schedule pending follow-ups from Postgres (Redis keeps nothing).
  FOLLOW_UP_SWEEP_INTERVAL_MS: durationMs(60_000, 200),
  // Fault injection for crash tests: named points where the process SIGKILLs itself. Refused in production.
  FAULT_POINTS: list(),
  FAULT_POISON_SUBJECTS: list(),
  // Simulated time (CONVENTIONS.md "Time"): where it starts (unset = the real time at boot) and how fast it runs.
  CLOCK_EPOCH: z.iso
    .datetime({ offset: true, message: 'must be an ISO-8601 date-time with an offset, e.g. 2026-05-01T06:00:00+05:00' })
    .transform((value) => new Date(value))
    .optional(),
  CLOCK_SCALE: z.coerce
    .number()
    .positive('must be a number > 0 (simulated seconds per real second)')
    .finite()
    .default(1),
  // The real instant at which simulated time was CLOCK_EPOCH (unset = this process's boot). Give all
  // services the same value, or at CLOCK_SCALE=1200 one second between their boots is 20 minutes apart.
  CLOCK_REAL_START: z.iso
    .datetime({ offset: true, message: 'must be an ISO-8601 date-time with an offset' })
    .transform((value) => new Date(value))
    .optional(),
});

export type BaseEnv = z.infer<typeof baseEnvSchema>;

/**
 * Parses the environment once at boot. Empty strings count as unset, so `FOO=` falls back to
 * the default instead of failing on an empty value.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(root)';
        const got = typeof issue.path[0] === 'string' ? present[issue.path[0]] : undefined;
        return `${name}: ${issue.message}${got === undefined ? '' : ` (got "${got}")`}`;
      }),
    );
  }
  return result.data;
}
