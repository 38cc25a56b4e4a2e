import type { DataSource } from 'typeorm';
import type { TestDatabase } from '@lib/testing';
import { pruneMessagingTables } from '../src/outbox/outbox-relay';
import { createOutboxTestDatabase } from './outbox-test-support';

describe('pruning the outbox and the inbox', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ database, dataSource } = await createOutboxTestDatabase('prune', 'svc'));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const outboxRow = (publishedAgo: string | null) =>
    dataSource.query(
      `INSERT INTO svc.outbox (event_id, topic, event_type, source, subject, occurred_at, payload, published_at)
       VALUES (gen_random_uuid(), 'shipments', 'shipment.booked', '/shipments', 's', now(), '{}',
               ${publishedAgo === null ? 'NULL' : `now() - interval '${publishedAgo}'`})`,
    );
  const inboxRow = (processedAgo: string) =>
    dataSource.query(
      `INSERT INTO svc.inbox (consumer, event_id, event_type, topic, partition, "offset", processed_at)
       VALUES ('svc', gen_random_uuid(), 'shipment.booked', 't', 0, 0, now() - interval '${processedAgo}')`,
    );

  it('deletes published events and processed ids past their retention, and nothing else', async () => {
    await outboxRow('4 days');
    await outboxRow('4 days');
    await outboxRow('1 hour');
    await outboxRow(null);
    await inboxRow('15 days');
    await inboxRow('1 day');

    const pruned = await pruneMessagingTables(
      dataSource,
      {
        schema: 'svc',
        outbox: { retentionMs: 3 * 24 * 3600_000, batchSize: 100, pollIntervalMs: 1000 },
        inbox: { retentionMs: 14 * 24 * 3600_000 },
      },
      1,
    );

    expect(pruned).toEqual({ outbox: 2, inbox: 1 });
    const [left] = await dataSource.query(
      'SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS pending, count(*)::int AS total FROM svc.outbox',
    );
    expect(left).toEqual({ pending: 1, total: 2 });
    const [inbox] = await dataSource.query('SELECT count(*)::int AS n FROM svc.inbox');
    expect(inbox.n).toBe(1);
  });
});
