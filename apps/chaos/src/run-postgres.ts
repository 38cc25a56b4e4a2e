import { Client } from 'pg';
import type { ChaosOptions } from './chaos-options';
import type { PostgresFault } from './faults';
import { OwnPostgres, terminateBackends } from './own-postgres';

interface RunPostgres {
  databaseUrl: string;
  fault: PostgresFault;
  stop(): Promise<void>;
}

/**
 * Where the run's database lives and how the Postgres fault is done: on a server of its own,
 * crashed and restarted (`restart`); or on the shared server, every connection to the run's
 * database cut (`terminate`). `auto` takes a server of its own when it can start one, and says why not.
 */
export async function runPostgres(
  options: Pick<ChaosOptions, 'postgres' | 'databaseUrl'>,
  dir: string,
  port: number,
  database: string,
): Promise<RunPostgres> {
  let why = OwnPostgres.unavailable();
  if (options.postgres === 'restart' && why)
    throw new Error(`--postgres restart: cannot run a server of our own: ${why}`);
  if (options.postgres !== 'terminate' && !why) {
    try {
      const server = await OwnPostgres.start(dir, port);
      return {
        databaseUrl: server.url(database),
        stop: () => server.stop(),
        fault: {
          mode: 'restart',
          describe:
            `restart (a server of the run's own on :${port}, crashed with pg_ctl stop -m immediate and ` +
            `started again)`,
          inject: async () => {
            const started = Date.now();
            await server.crashAndRestart();
            return `Postgres crashed (immediate stop) and restarted in ${((Date.now() - started) / 1000).toFixed(1)} s`;
          },
        },
      };
    } catch (error) {
      if (options.postgres === 'restart') throw error;
      why = (error as Error).message.split('\n')[0];
    }
  }
  const databaseUrl = Object.assign(new URL(options.databaseUrl), { pathname: `/${database}` }).toString();
  const maintenance = Object.assign(new URL(options.databaseUrl), { pathname: '/postgres' }).toString();
  return {
    databaseUrl,
    stop: async () => {
      const client = new Client({ connectionString: maintenance });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
    fault: {
      mode: 'terminate',
      describe:
        `terminate (pg_terminate_backend on every connection to ${database} on the shared ` +
        `server${why ? `; no server of our own: ${why}` : ''})`,
      inject: async () =>
        `Postgres: ${await terminateBackends(maintenance, database)} backends of ${database} terminated`,
    },
  };
}
