import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';

const run = promisify(execFile);

/** What `node infra/infra.mjs status --json` prints about the cluster. */
export interface BrokerClusterState {
  size: number;
  brokers: { id: number; address: string; up: boolean; pid: number | null }[];
  /** Node id of the KRaft quorum's leader, null while an election is under way. */
  controller: number | null;
  stateDir: string;
}

/**
 * A Kafka broker — or a replicated cluster of them, one port (and controller port) per node — of the
 * chaos run's own, started and stopped by infra/infra.mjs with its own state directory (data, pid
 * files, logs) and ports, so killing it hurts nobody else's broker (the tests' on 9092 keeps running).
 */
export class OwnBroker {
  /** Every node's address, comma-separated (KAFKA_BROKERS for the services). */
  readonly brokers: string;
  readonly brokerList: readonly string[];
  readonly ports: readonly number[];
  readonly controllerPorts: readonly number[];
  /** The first node's ports. */
  readonly port: number;
  readonly controllerPort: number;

  /** One number each for one broker; lists of equal length (1 to 5) for a cluster of that many nodes. */
  constructor(
    private readonly repo: string,
    private readonly stateDir: string,
    port: number | readonly number[],
    controllerPort: number | readonly number[],
    /** What infra.mjs also checks and prepares: the run's database and Redis. */
    private readonly infraEnv: { DATABASE_URL: string; REDIS_URL: string; KAFKA_HEAP?: string },
  ) {
    this.ports = typeof port === 'number' ? [port] : [...port];
    this.controllerPorts = typeof controllerPort === 'number' ? [controllerPort] : [...controllerPort];
    if (this.ports.length < 1 || this.ports.length !== this.controllerPorts.length)
      throw new Error(`OwnBroker: ${this.ports.length} ports but ${this.controllerPorts.length} controller ports`);
    [this.port] = this.ports;
    [this.controllerPort] = this.controllerPorts;
    this.brokerList = this.ports.map((p) => `127.0.0.1:${p}`);
    this.brokers = this.brokerList.join(',');
  }

  get count(): number {
    return this.ports.length;
  }

  /**
   * Starts every node (or restarts those killed) and creates the project's topics; returns once all
   * answer and, with several nodes, every partition has its replicas in sync again.
   */
  async up(): Promise<void> {
    await this.infra('up');
  }

  async down(): Promise<void> {
    await this.infra('down');
  }

  async status(): Promise<BrokerClusterState> {
    return JSON.parse(await this.infra('status', '--json')) as BrokerClusterState;
  }

  /** SIGKILL node `id` (the only one by default), as a machine losing the process would; resolves with its pid. */
  async kill(id = 1): Promise<number> {
    const node = (await this.status()).brokers.find((b) => b.id === id);
    if (!node?.pid) throw new Error(`OwnBroker: broker ${id} on ${node?.address ?? '?'} is not running`);
    process.kill(node.pid, 'SIGKILL');
    while (alive(node.pid)) await sleep(100);
    return node.pid;
  }

  /** SIGKILL the active controller (the KRaft quorum leader); resolves with its node id once gone. */
  async killController(timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { controller } = await this.status();
      if (controller !== null) {
        await this.kill(controller);
        return controller;
      }
      if (Date.now() > deadline) throw new Error(`OwnBroker: no active controller on ${this.brokers}`);
      await sleep(500);
    }
  }

  private async infra(...args: string[]): Promise<string> {
    const env = {
      ...process.env,
      ...this.infraEnv,
      INFRA_STATE_DIR: this.stateDir,
      KAFKA_HOST: '127.0.0.1',
      KAFKA_BROKER_COUNT: String(this.count),
      KAFKA_PORT: String(this.port),
      KAFKA_CONTROLLER_PORT: String(this.controllerPort),
      KAFKA_PORTS: this.ports.join(','),
      KAFKA_CONTROLLER_PORTS: this.controllerPorts.join(','),
      KAFKA_BROKERS: this.brokers,
      KAFKA_TOPIC_PREFIX: '',
    };
    try {
      const { stdout } = await run(process.execPath, [join(this.repo, 'infra/infra.mjs'), ...args], {
        env,
        timeout: 180_000,
      });
      return stdout;
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(
        `infra.mjs ${args.join(' ')} (own broker on ${this.brokers}) failed: ` +
          (stderr || stdout || (error as Error).message),
        { cause: error },
      );
    }
  }
}

/** Running, not merely a zombie: a detached JVM's exit is reaped by whichever process adopted it, maybe late. */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
