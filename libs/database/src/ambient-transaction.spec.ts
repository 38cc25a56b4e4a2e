import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction, withAmbientTransaction } from './ambient-transaction';

/** A data source stand-in that counts the transactions it opens. */
function fakeDataSource() {
  const opened: EntityManager[] = [];
  const dataSource = {
    transaction: async <T>(work: (manager: EntityManager) => Promise<T>) => {
      const manager = { connection: undefined as unknown, queryRunner: { isTransactionActive: true } } as unknown as EntityManager;
      (manager as { connection: unknown }).connection = dataSource;
      opened.push(manager);
      return work(manager);
    },
  } as unknown as DataSource;
  return { dataSource, opened };
}

describe('ambient transactions', () => {
  it('lets a unit of work join the transaction its caller opened on the same database', async () => {
    const { dataSource, opened } = fakeDataSource();
    const inner = await withAmbientTransaction(dataSource, async (outer) => {
      const joined = await inTransaction(dataSource, async (manager) => manager);
      return { outer, joined };
    });
    expect(opened).toHaveLength(1);
    expect(inner.joined).toBe(inner.outer);
  });

  it('opens its own transaction without an ambient one, or for another database', async () => {
    const first = fakeDataSource();
    const second = fakeDataSource();
    await inTransaction(first.dataSource, async () => undefined);
    await withAmbientTransaction(first.dataSource, () => inTransaction(second.dataSource, async () => undefined));
    expect(first.opened).toHaveLength(2);
    expect(second.opened).toHaveLength(1);
  });
});
