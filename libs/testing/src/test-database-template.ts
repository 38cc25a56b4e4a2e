import { createHash } from 'node:crypto';
import type { Client } from 'pg';

/**
 * A database migrated once that each test stack's database is copied from (`CREATE DATABASE …
 * TEMPLATE`, a file copy), so no test file pays for every schema's migrations again. The services
 * still migrate at start; on a copy they find nothing to do.
 *
 * libs/testing knows no app: the composition (test/support/database-template.ts, a jest setup
 * file) says which migrations make the template and how to run them.
 */
export interface DatabaseTemplate {
  /** Identifies the migrations (e.g. each one's name and `up` source); a change makes a new template. */
  fingerprint: string[];
  /** Applies every migration to the (empty) database at `url`. */
  migrate(url: string): Promise<void>;
}

const PREFIX = 'logistics_tpl_';
/** Any constant: serialises building the template across jest workers and concurrent runs. */
const BUILD_LOCK = 7_319_019;

let registered: DatabaseTemplate | undefined;

export function useDatabaseTemplate(template: DatabaseTemplate): void {
  registered = template;
}

export function databaseTemplate(): DatabaseTemplate | undefined {
  return registered;
}

export function templateName(template: DatabaseTemplate): string {
  return PREFIX + createHash('sha256').update(template.fingerprint.join('\n')).digest('hex').slice(0, 16);
}

async function exists(client: Client, name: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return rowCount === 1;
}

/**
 * Makes sure the template exists (building it under an advisory lock if not) and returns its name.
 * `client` is connected to the maintenance database; `urlOf` gives a database's URL.
 */
export async function ensureTemplate(
  client: Client,
  template: DatabaseTemplate,
  urlOf: (name: string) => string,
): Promise<string> {
  const name = templateName(template);
  if (await exists(client, name)) return name;
  await client.query('SELECT pg_advisory_lock($1)', [BUILD_LOCK]);
  try {
    if (await exists(client, name)) return name;
    // Built under a temporary name and renamed when complete: a crash mid-way leaves no half template.
    const building = `${name}_building`;
    await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${building}"`);
    await template.migrate(urlOf(building));
    await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    // Nobody connects to a template: a connection would make every copy from it fail.
    await client.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    await dropStale(client, name);
    return name;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [BUILD_LOCK]);
  }
}

/** Templates of other migration lists (older runs). One being copied right now is left for next time. */
async function dropStale(client: Client, current: string): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX}%' AND datname <> $1`,
    [current],
  );
  for (const { datname } of rows) {
    await client
      .query(`ALTER DATABASE "${datname}" WITH IS_TEMPLATE false`)
      .then(() => client.query(`DROP DATABASE IF EXISTS "${datname}"`))
      .catch(() => undefined);
  }
}
