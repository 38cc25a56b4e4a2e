import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { FAULT_KINDS, type FaultKind } from './fault-plan';

/** How the run treats Postgres: crash and restart a server of its own, or cut every connection on a shared one. */
type PostgresFaultMode = 'restart' | 'terminate';

export interface ChaosOptions {
  shipments: number;
  seed: number;
  /** Each fault kind this many times, spread over the drive. */
  rounds: number;
  concurrency: number;
  postgres: PostgresFaultMode | 'auto';
  redisDb: number;
  drainTimeoutMs: number;
  keep: boolean;
  /** The shared server for `--postgres terminate` (the run creates and drops its own database there). */
  databaseUrl: string;
  /** The local Redis; the run uses logical database `redisDb` on it. */
  redisUrl: string;
  stateDir: string;
  kafkaHeap: string;
  /** Which kinds of fault the run injects (all by default). */
  faults: FaultKind[];
  /** Processes of each service, behind a balancer when more than one. */
  instances: number;
  /** Kafka brokers of the run's own cluster (1, or 3 with replication factor 3 and min.insync.replicas 2). */
  brokers: number;
}

const USAGE = `usage: npm run chaos -- [--shipments 300] [--seed N] [--rounds R] [--concurrency 12]
                       [--postgres auto|restart|terminate] [--redis-db 15] [--drain-timeout 180] [--keep]
                       [--instances 1] [--brokers 1|3] [--faults ${FAULT_KINDS.join(',')}]`;

const schema = z.object({
  shipments: z.coerce.number().int().min(1).max(100_000),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  rounds: z.coerce.number().int().min(1).max(100).optional(),
  concurrency: z.coerce.number().int().min(1).max(200),
  postgres: z.enum(['auto', 'restart', 'terminate']),
  'redis-db': z.coerce.number().int().min(1).max(255),
  'drain-timeout': z.coerce.number().int().min(10).max(3600),
  keep: z.boolean(),
  instances: z.coerce.number().int().min(1).max(4),
  brokers: z.coerce.number().int().min(1).max(5),
  faults: z
    .string()
    .transform((list) => [...new Set(list.split(',').map((kind) => kind.trim()))])
    .pipe(z.array(z.enum(FAULT_KINDS)).min(1)),
});

/** The command line and the few variables the run reads (the only place it reads either). */
export function chaosOptions(argv: string[], env: NodeJS.ProcessEnv, repo: string): ChaosOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      shipments: { type: 'string', default: '300' },
      seed: { type: 'string', default: String(randomInt(2 ** 31)) },
      rounds: { type: 'string' },
      concurrency: { type: 'string', default: '12' },
      postgres: { type: 'string', default: 'auto' },
      'redis-db': { type: 'string', default: '15' },
      'drain-timeout': { type: 'string', default: '180' },
      keep: { type: 'boolean', default: false },
      instances: { type: 'string', default: '1' },
      brokers: { type: 'string', default: '1' },
      faults: { type: 'string', default: FAULT_KINDS.join(',') },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new Error(USAGE);
  const parsed = schema.safeParse(values);
  if (!parsed.success)
    throw new Error(`${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n${USAGE}`);
  const o = parsed.data;
  return {
    shipments: o.shipments,
    seed: o.seed,
    // About one round of every fault per 100 shipments.
    rounds: o.rounds ?? Math.max(1, Math.round(o.shipments / 100)),
    concurrency: o.concurrency,
    postgres: o.postgres,
    redisDb: o['redis-db'],
    drainTimeoutMs: o['drain-timeout'] * 1000,
    keep: o.keep,
    databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/logistics',
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    stateDir: join(env.INFRA_STATE_DIR || join(repo, '.infra'), 'chaos'),
    kafkaHeap: env.KAFKA_HEAP || (o.brokers > 1 ? '384m' : '512m'),
    instances: o.instances,
    brokers: o.brokers,
    faults: o.faults,
  };
}
