import { Client } from 'pg';
import { uniqueName } from './unique';

export const BASE_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/logistics';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function onMaintenance<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(BASE_DATABASE_URL, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database for one test file; `drop()` removes it (and any connection left open). */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = uniqueName(label);
  await onMaintenance((client) => client.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: withDatabase(BASE_DATABASE_URL, name),
    drop: () =>
      onMaintenance((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
