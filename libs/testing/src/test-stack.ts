import { createTestDatabase, type TestDatabase } from './test-database';
import { createTestTopics, deleteTestTopics } from './test-topics';
import { uniqueName } from './unique';

/**
 * What several services under test share, as in production: one database (a schema each), one
 * set of topics, one BullMQ prefix — all private to this test file.
 */
export interface TestStack {
  database: TestDatabase;
  topicPrefix: string;
  bullmqPrefix: string;
  /** The environment every service of this stack runs with. */
  env: NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}

export async function createTestStack(label = 'stack'): Promise<TestStack> {
  const database = await createTestDatabase(label, { migrated: true });
  const topicPrefix = `${uniqueName('t')}.`;
  const bullmqPrefix = uniqueName('tq');
  const topics = await createTestTopics(topicPrefix);
  return {
    database,
    topicPrefix,
    bullmqPrefix,
    env: {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      BULLMQ_PREFIX: bullmqPrefix,
      // Short sessions so a consumer killed in a crash test is replaced in seconds, not 30 s.
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      KAFKA_HEARTBEAT_INTERVAL_MS: '500',
      // Stopping a service waits for its consumer's open fetch: keep it short, or each stop costs ~5 s.
      KAFKA_FETCH_MAX_WAIT_MS: '200',
      OUTBOX_POLL_INTERVAL_MS: '250',
      CONSUMER_RETRY_BASE_MS: '50',
    },
    dispose: async () => {
      await deleteTestTopics(topics).catch(() => undefined);
      await database.drop();
    },
  };
}
