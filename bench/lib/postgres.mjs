// Private databases for a benchmark on the local PostgreSQL: created, migrated with the project's own
// migrations (the built ops CLI) and dropped afterwards.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { repo } from './common.mjs';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/logistics';

/** The URL of database `name` on the same server as DATABASE_URL. */
export const databaseUrl = (name) => Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();

/** Runs `work(client)` on a connection to `url` and closes it. */
export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const createDatabase = (name) =>
  withClient(databaseUrl('postgres'), (c) => c.query(`CREATE DATABASE "${name}"`));
export const dropDatabase = (name) =>
  withClient(databaseUrl('postgres'), (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

/** Every service's migrations, as `npm run migrate` applies them (needs `nest build`). */
export function migrate(url) {
  execFileSync(process.execPath, [join(repo, 'dist/apps/ops/src/main.js'), 'migrate'], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
