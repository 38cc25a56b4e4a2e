import { createHash } from 'node:crypto';
import { QueryFailedError, type EntityManager } from 'typeorm';

/**
 * Runs a statement on the manager's connection as a named prepared statement: Postgres parses and
 * plans it once per connection instead of on every call, which for the statements of a hot path
 * (a CTE that writes four tables, a locking read) costs more than executing them. The name is the
 * text's hash, so a text is prepared once per connection whatever calls it. Failures are logged and
 * thrown as by `manager.query` (a QueryFailedError, which the HTTP problem filter reads).
 */
export async function preparedQuery<T>(manager: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('preparedQuery needs a manager bound to a query runner (inside a transaction)');
  const client = (await runner.connect()) as {
    query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }>;
  };
  try {
    return (await client.query({ name: statementName(text), text, values })).rows;
  } catch (error) {
    manager.connection.logger.logQueryError(error as Error, text, values, runner);
    throw new QueryFailedError(text, values, error as Error);
  }
}

const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `q_${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
    // The texts are a handful of shapes per process; the cap only guards
    // against a caller that builds unbounded variety.
    if (names.size < 1_000) names.set(text, name);
  }
  return name;
}
