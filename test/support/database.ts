import { Client } from 'pg';
import type { TestStack } from '@lib/testing';

/** Runs one query against the stack's database (all services share it, a schema each). */
export async function query<T = any>(stack: TestStack, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: stack.database.url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
