import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Balancer } from '@lib/balancer';

export const SERVICES = ['shipments', 'customs', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** One process of a service: which service, and which of its instances (0-based). */
export interface Instance {
  service: ServiceName;
  index: number;
}

/**
 * The three built services (dist/) as child processes, `ports[service].length` instances of each,
 * each instance on a fixed port so it keeps its address across restarts, logging to
 * `<logsDir>/<service>.log` (the first instance) or `<service>-<n>.log`. Clients reach a service
 * through its balancer when one is given (several instances), else its one instance. Like a
 * supervisor, an instance that exits when nobody killed it is started again, and the exit is
 * remembered for the summary.
 */
export class ServiceProcesses {
  private readonly children = new Map<string, ChildProcess>();
  private readonly expectedExit = new Set<ChildProcess>();
  private stopping = false;
  /** Exits nobody asked for: `<service>: code …/signal …`. */
  readonly unexpectedExits: string[] = [];

  constructor(
    private readonly repo: string,
    private readonly env: NodeJS.ProcessEnv,
    readonly ports: Record<ServiceName, number[]>,
    private readonly logsDir: string,
    private readonly balancers: Partial<Record<ServiceName, Balancer>> = {},
  ) {}

  /** Where clients reach the service: its balancer, or its one instance. */
  url(service: ServiceName): string {
    return this.balancers[service]?.url ?? this.instanceUrl({ service, index: 0 });
  }

  instanceUrl({ service, index }: Instance): string {
    return `http://127.0.0.1:${this.ports[service][index]}`;
  }

  instances(service?: ServiceName): Instance[] {
    return (service ? [service] : SERVICES).flatMap((s) => this.ports[s].map((_, index) => ({ service: s, index })));
  }

  log({ service, index }: Instance): string {
    return join(this.logsDir, index === 0 ? `${service}.log` : `${service}-${index + 1}.log`);
  }

  /** Names an instance for the summary: `customs` with one instance, `customs #2` with several. */
  describe({ service, index }: Instance): string {
    return this.ports[service].length > 1 ? `${service} #${index + 1}` : service;
  }

  /** Starts every instance of every service. */
  startAll(): void {
    for (const instance of this.instances()) this.start(instance);
  }

  start(instance: Instance): void {
    const { service, index } = instance;
    const main = join(this.repo, 'dist/apps', service, 'src/main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (npm run chaos does)`);
    const out = openSync(this.log(instance), 'a');
    const child = spawn(process.execPath, [main], {
      cwd: this.repo,
      env: { ...this.env, [`${service.toUpperCase()}_PORT`]: String(this.ports[service][index]) },
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    this.children.set(`${service}#${index}`, child);
    child.once('exit', (code, signal) => {
      if (this.expectedExit.delete(child) || this.stopping) return;
      this.unexpectedExits.push(
        `${this.describe(instance)}: exited by itself (code ${code}, signal ${signal}); see ${this.log(instance)}`,
      );
      setTimeout(() => !this.stopping && this.start(instance), 1000);
    });
  }

  /** kill -9, then resolves once the process is gone. */
  async kill({ service, index }: Instance): Promise<number> {
    const child = this.children.get(`${service}#${index}`)!;
    const pid = child.pid!;
    if (child.exitCode !== null || child.signalCode !== null) return pid;
    this.expectedExit.add(child);
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
    return pid;
  }

  /** Waits until each instance answers /health/ready with 200 (Postgres, Redis and Kafka reachable). */
  async waitReady(timeoutMs: number, instances: Instance[] = this.instances()): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const instance of instances) {
      for (;;) {
        const ready = await fetch(`${this.instanceUrl(instance)}/health/ready`, {
          signal: AbortSignal.timeout(5_000),
        }).then(
          (r) => r.ok,
          () => false,
        );
        if (ready) break;
        if (Date.now() > deadline)
          throw new Error(
            `${this.describe(instance)} not ready within ${timeoutMs / 1000} s; see ${this.log(instance)}`,
          );
        await sleep(250);
      }
    }
  }

  /** SIGTERM (graceful shutdown), SIGKILL after `graceMs`. */
  async stopAll(graceMs = 20_000): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.children.values()].map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await gone;
        clearTimeout(timer);
      }),
    );
  }
}
