import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { CLOCK, ClockModule, type Clock } from '@lib/clock';
import { DatabaseModule } from '@lib/database';
import { QueueModule } from '@lib/queue';
import { createTestDatabase, eventually, uniqueName, type TestDatabase } from '@lib/testing';
import { createFollowUpsTable, FollowUps, FollowUpsModule, type FollowUpHandler, type FollowUpRow } from '../src';

const SCHEMA = 'early_wake';
const QUEUE = 'early-wake-follow-ups';
const SCALE = 3600; // one simulated hour per real second
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

class CreateFollowUps1764900000000 implements MigrationInterface {
  name = 'CreateFollowUps1764900000000';
  async up(runner: QueryRunner): Promise<void> {
    await createFollowUpsTable(runner, { schema: SCHEMA, kinds: ['check'] });
  }
  async down(): Promise<void> {}
}

/** Records when each follow-up fired, in real time. */
@Injectable()
class RecordingHandler implements FollowUpHandler {
  static readonly fired: { id: string; atMs: number }[] = [];
  fire(_: unknown, followUp: FollowUpRow): Promise<'fired'> {
    RecordingHandler.fired.push({ id: followUp.id, atMs: Date.now() });
    return Promise.resolve('fired');
  }
}

/**
 * A follow-up whose BullMQ job wakes before the follow-up is due (its due time moved later, clock
 * skew) must sleep again until it is due — not wait for the periodic sweep, which here never comes.
 */
describe('follow-ups: a job that wakes early', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let followUps: FollowUps;
  let clock: Clock;
  let dataSource: DataSource;
  let queue: Queue;

  beforeAll(async () => {
    database = await createTestDatabase('early_wake');
    const moduleRef = await Test.createTestingModule({
      imports: [
        DatabaseModule.forRoot({
          url: database.url,
          schema: SCHEMA,
          migrations: [CreateFollowUps1764900000000],
          poolSize: 4,
        }),
        ClockModule.forRoot({ epoch: new Date('2026-11-20T00:00:00Z'), scale: SCALE }),
        QueueModule.forRoot({ redisUrl: REDIS_URL, prefix: uniqueName('tq') }),
        FollowUpsModule.forRoot({
          schema: SCHEMA,
          queue: QUEUE,
          sweep: { intervalMs: 3_600_000, redisUrl: REDIS_URL },
          handler: RecordingHandler,
        }),
      ],
    }).compile();
    app = await moduleRef.init();
    followUps = app.get(FollowUps);
    clock = app.get(CLOCK);
    dataSource = app.get(getDataSourceToken());
    queue = app.get(getQueueToken(QUEUE));
  });

  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await app?.close();
    await database?.drop();
  });

  it('goes back to sleep and fires at its due time, without a sweep', async () => {
    const id = `check.${randomUUID()}`;
    const wakesAt = new Date(clock.now().getTime() + 2 * 3600_000); // ~2 s from now
    const planned = { id, subjectId: randomUUID(), kind: 'check', details: null, dueAt: wakesAt };
    await dataSource.transaction((manager) => followUps.record(manager, [planned]));
    await followUps.schedule([planned]);
    // The job keeps its wake-up time, but the follow-up is now due 4 simulated hours later.
    const dueAt = new Date(wakesAt.getTime() + 4 * 3600_000);
    await dataSource.query(`UPDATE ${SCHEMA}.follow_ups SET due_at = $2 WHERE id = $1`, [id, dueAt]);
    const dueRealMs = Date.now() + clock.realDelayMs(dueAt);

    // It woke (a worker started it) and is asleep again in the delayed set, not fired, not gone.
    await eventually(
      async () => {
        const job = await queue.getJob(id);
        expect(job?.attemptsStarted).toBeGreaterThanOrEqual(1);
        await expect(job!.getState()).resolves.toBe('delayed');
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(RecordingHandler.fired).toEqual([]);

    await eventually(() => expect(RecordingHandler.fired.map((f) => f.id)).toEqual([id]), { timeoutMs: 15_000 });
    expect(RecordingHandler.fired[0].atMs).toBeGreaterThanOrEqual(dueRealMs - 50);
    const [row] = await dataSource.query(`SELECT state, outcome FROM ${SCHEMA}.follow_ups WHERE id = $1`, [id]);
    expect(row).toEqual({ state: 'done', outcome: 'fired' });
  });
});
