import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@lib/database';
import { createTestDatabase, type TestDatabase } from '@lib/testing';
import type { MessagingOptions } from '../src/messaging.options';
import { createMessagingTables, createRelayWake } from '../src/outbox/messaging-tables';

/** A private database with one service schema holding the messaging tables as the apps' migrations make them. */
export async function createOutboxTestDatabase(
  name: string,
  schema: string,
): Promise<{ database: TestDatabase; dataSource: DataSource }> {
  const database = await createTestDatabase(name);
  const dataSource = await new DataSource(
    dataSourceOptions({ url: database.url, schema, migrations: [], poolSize: 4 }),
  ).initialize();
  await dataSource.query(`CREATE SCHEMA ${schema}`);
  const runner = dataSource.createQueryRunner();
  try {
    await createMessagingTables(runner, schema);
    await createRelayWake(runner, schema);
  } finally {
    await runner.release();
  }
  return { database, dataSource };
}

/** Messaging options for a relay under test: small batches, one attempt, no faults. */
export function relayTestOptions(
  options: Pick<MessagingOptions, 'service' | 'schema' | 'databaseUrl' | 'topicPrefix' | 'leaderLock'> & {
    pollIntervalMs: number;
  },
): MessagingOptions {
  const { pollIntervalMs, ...rest } = options;
  return {
    ...rest,
    publishes: 'shipments',
    outbox: { batchSize: 50, pollIntervalMs, retentionMs: 3 * 24 * 3600_000 },
    inbox: { retentionMs: 45 * 24 * 3600_000 },
    pruneIntervalMs: 3_600_000,
    consumer: {
      maxAttempts: 1,
      retryBaseMs: 1,
      sessionTimeoutMs: 6000,
      heartbeatIntervalMs: 500,
      fetchMaxWaitMs: 200,
      partitionsConcurrently: 1,
    },
    faults: { points: [], poisonSubjects: [] },
  };
}

/** Outbox rows not yet published. */
export async function pendingCount(dataSource: DataSource, schema: string): Promise<number> {
  return (await dataSource.query(`SELECT count(*)::int AS n FROM ${schema}.outbox WHERE published_at IS NULL`))[0].n;
}
