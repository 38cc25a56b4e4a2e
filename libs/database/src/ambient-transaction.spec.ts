import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction, whenCommitted, withAmbientTransaction } from './ambient-transaction';

/** A data source stand-in that counts the transactions it opens. */
function fakeDataSource() {
  const opened: EntityManager[] = [];
  const dataSource = {
    transaction: async <T>(work: (manager: EntityManager) => Promise<T>) => {
      const manager = {
        connection: undefined as unknown,
        queryRunner: { isTransactionActive: true },
      } as unknown as EntityManager;
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
      const joined = await inTransaction(dataSource, (manager) => Promise.resolve(manager));
      return { outer, joined };
    });
    expect(opened).toHaveLength(1);
    expect(inner.joined).toBe(inner.outer);
  });

  it('opens its own transaction without an ambient one, or for another database', async () => {
    const first = fakeDataSource();
    const second = fakeDataSource();
    await inTransaction(first.dataSource, () => Promise.resolve());
    await withAmbientTransaction(first.dataSource, () => inTransaction(second.dataSource, () => Promise.resolve()));
    expect(first.opened).toHaveLength(2);
    expect(second.opened).toHaveLength(1);
  });

  it('runs work registered in the ambient transaction only after it committed, never after a rollback', async () => {
    const { dataSource } = fakeDataSource();
    const order: string[] = [];
    await withAmbientTransaction(dataSource, async () => {
      await inTransaction(dataSource, () => Promise.resolve(order.push('effect')));
      await whenCommitted(() => order.push('after commit'));
      order.push('answer stored');
    });
    expect(order).toEqual(['effect', 'answer stored', 'after commit']);

    const rolledBack: string[] = [];
    await expect(
      withAmbientTransaction(dataSource, async () => {
        await whenCommitted(() => rolledBack.push('after commit'));
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect(rolledBack).toEqual([]);
  });

  it('runs committed work at once without an ambient transaction', async () => {
    const done: string[] = [];
    await whenCommitted(() => done.push('now'));
    expect(done).toEqual(['now']);
  });
});
