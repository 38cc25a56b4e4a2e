import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';

const run = promisify(execFile);

/**
 * A Kafka broker of the chaos run's own, started and stopped by infra/infra.mjs with its own state
 * directory (data, pid file, logs) and ports, so killing it hurts nobody else's broker (the tests'
 * on 9092 keeps running).
 */
export class OwnBroker {
  readonly brokers: string;

  constructor(
    private readonly repo: string,
    private readonly stateDir: string,
    readonly port: number,
    readonly controllerPort: number,
    /** What infra.mjs also checks and prepares: the run's database and Redis. */
    private readonly infraEnv: { DATABASE_URL: string; REDIS_URL: string; KAFKA_HEAP?: string },
  ) {
    this.brokers = `127.0.0.1:${port}`;
  }

  /** Starts the broker (or restarts it after a kill) and creates the project's topics; returns once it answers. */
  up(): Promise<void> {
    return this.infra('up');
  }

  down(): Promise<void> {
    return this.infra('down');
  }

  /** SIGKILL, as a machine losing the process would; resolves once the process is gone. */
  async kill(): Promise<number> {
    const { pid } = JSON.parse(readFileSync(join(this.stateDir, 'kafka', 'kafka.pid'), 'utf8')) as { pid: number };
    process.kill(pid, 'SIGKILL');
    while (alive(pid)) await sleep(100);
    return pid;
  }

  private async infra(command: string): Promise<void> {
    const env = {
      ...process.env,
      ...this.infraEnv,
      INFRA_STATE_DIR: this.stateDir,
      KAFKA_HOST: '127.0.0.1',
      KAFKA_PORT: String(this.port),
      KAFKA_CONTROLLER_PORT: String(this.controllerPort),
      KAFKA_BROKERS: this.brokers,
      KAFKA_TOPIC_PREFIX: '',
    };
    try {
      await run(process.execPath, [join(this.repo, 'infra/infra.mjs'), command], { env, timeout: 180_000 });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(
        `infra.mjs ${command} (own broker on ${this.brokers}) failed: ${stderr || stdout || (error as Error).message}`,
        { cause: error },
      );
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
