import { Client } from 'pg';
import { databaseTemplate, ensureTemplate } from './test-database-template';
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

export interface TestDatabaseOptions {
  /**
   * Copy the migrated template (every service's schema, see test-database-template.ts) instead of
   * starting empty; ignored when no template is registered. Tests of migrations themselves want empty.
   */
  migrated?: boolean;
}

/** A fresh database for one test file (empty unless `migrated`); `drop()` removes it (and any connection left open). */
export async function createTestDatabase(label = 'test', options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const name = uniqueName(label);
  const template = options.migrated ? databaseTemplate() : undefined;
  await onMaintenance(async (client) => {
    if (!template) return client.query(`CREATE DATABASE "${name}"`);
    const copy = async () =>
      client.query(`CREATE DATABASE "${name}" TEMPLATE "${await ensureTemplate(client, template, urlOf)}"`);
    // A concurrent run with another migration list may have just dropped ours as stale: build it again.
    return copy().catch(async (error: { code?: string }) => {
      if (error.code !== '3D000') throw error;
      return copy();
    });
  });
  return {
    name,
    url: urlOf(name),
    drop: () =>
      onMaintenance((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

function urlOf(name: string): string {
  return withDatabase(BASE_DATABASE_URL, name);
}
