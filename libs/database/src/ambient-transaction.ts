import { Logger } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

interface Ambient {
  manager: EntityManager;
  /** Work to run once the ambient transaction has committed (dropped if it rolls back). */
  committed: (() => unknown)[];
}

const ambient = new AsyncLocalStorage<Ambient>();
const logger = new Logger('AmbientTransaction');

/**
 * Runs `work` in one transaction that every `inTransaction` call inside it joins — so an edge (the
 * Idempotency-Key interceptor) can commit a service's effect and its own record of it together.
 * Work registered with `whenCommitted` runs after the commit; its failure is logged, not thrown,
 * since the effect has already happened.
 *
 * Inside, services must touch the database only through the manager they are given: a query on
 * the DataSource or a repository would take a second pool connection while this one is held.
 */
export async function withAmbientTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const committed: (() => unknown)[] = [];
  const result = await dataSource.transaction((manager) => ambient.run({ manager, committed }, () => work(manager)));
  for (const next of committed) {
    await Promise.resolve()
      .then(next)
      .catch((error: unknown) => logger.warn({ err: error }, 'work after the commit failed'));
  }
  return result;
}

/**
 * A service's unit of work: the ambient transaction when its caller opened one on the same
 * database, else a transaction of its own. Either way, what must wait for the commit goes
 * through `whenCommitted`: when joined, returning from here does not mean committed.
 */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const current = ambient.getStore();
  if (current && current.manager.connection === dataSource && current.manager.queryRunner?.isTransactionActive)
    return work(current.manager);
  return dataSource.transaction(work);
}

/**
 * Runs `next` once the work just done is committed: after the ambient transaction's commit when
 * there is one, at once otherwise (the caller's own `inTransaction` has already committed).
 */
export async function whenCommitted(next: () => unknown): Promise<void> {
  const current = ambient.getStore();
  if (current) current.committed.push(next);
  else await next();
}
