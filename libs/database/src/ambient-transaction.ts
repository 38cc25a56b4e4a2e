import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

const ambient = new AsyncLocalStorage<EntityManager>();

/**
 * Runs `work` in one transaction that every `inTransaction` call inside it joins — so an edge (the
 * Idempotency-Key interceptor) can commit a service's effect and its own record of it together.
 */
export function withAmbientTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction((manager) => ambient.run(manager, () => work(manager)));
}

/**
 * A service's unit of work: the ambient transaction when its caller opened one on the same
 * database, else a transaction of its own.
 */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const manager = ambient.getStore();
  if (manager && manager.connection === dataSource && manager.queryRunner?.isTransactionActive) return work(manager);
  return dataSource.transaction(work);
}
