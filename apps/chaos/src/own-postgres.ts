import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/**
 * A PostgreSQL server of the chaos run's own (initdb into its state directory, on a port of its
 * own), so that it can be crashed and restarted without touching anyone else's databases. As root,
 * the server runs as the `postgres` user (PostgreSQL refuses root).
 */
export class OwnPostgres {
  private constructor(
    private readonly bin: string,
    private readonly dataDir: string,
    private readonly logFile: string,
    private readonly socketDir: string,
    readonly port: number,
  ) {}

  /** Why this machine cannot run one (no initdb found, or root without a `postgres` user), else undefined. */
  static unavailable(): string | undefined {
    if (!binDir()) return 'initdb/pg_ctl not found (pg_config --bindir, PATH)';
    if (process.getuid?.() === 0 && osUser('postgres') === undefined)
      return 'running as root and there is no postgres user to run the server as';
    return undefined;
  }

  static async start(dir: string, port: number): Promise<OwnPostgres> {
    const bin = binDir();
    if (!bin) throw new Error('initdb/pg_ctl not found');
    mkdirSync(dir, { recursive: true });
    const owner = process.getuid?.() === 0 ? osUser('postgres') : undefined;
    if (owner) chownSync(dir, owner.uid, owner.gid);
    const server = new OwnPostgres(bin, join(dir, 'data'), join(dir, 'postgres.log'), dir, port);
    if (!existsSync(server.dataDir))
      await server.pg('initdb', ['-D', server.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    await server.startServer();
    return server;
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /**
   * A crash and a restart: `pg_ctl stop -m immediate` ends every process at once without a
   * checkpoint (the next start replays the WAL), then the server starts again.
   */
  async crashAndRestart(): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
    await this.startServer();
  }

  async stop(): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']).catch(() => undefined);
  }

  private startServer(): Promise<void> {
    const options = `-p ${this.port} -k ${this.socketDir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
    return this.pg('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-w', '-t', '60', '-o', options, 'start']);
  }

  private async pg(tool: string, args: string[]): Promise<void> {
    const command = join(this.bin, tool);
    const [file, argv] =
      process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    try {
      await run(file, argv, { timeout: 120_000 });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`${tool} ${args.at(-1)} failed: ${stderr || stdout || (error as Error).message}`, {
        cause: error,
      });
    }
  }
}

/**
 * The alternative where the server may not be restarted (a shared one): every backend connected
 * to the run's database is terminated at once, as a restart would cut them. Returns how many.
 */
export async function terminateBackends(maintenanceUrl: string, database: string): Promise<number> {
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity' +
        ' WHERE datname = $1 AND pid <> pg_backend_pid()) AS t',
      [database],
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

function binDir(): string | undefined {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  } catch {
    // no pg_config: look on PATH
  }
  const onPath = (process.env.PATH ?? '')
    .split(':')
    .find((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  return onPath;
}

function osUser(name: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(
      execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
    );
    const gid = Number(
      execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
    );
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}
