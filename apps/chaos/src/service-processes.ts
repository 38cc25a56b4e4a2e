import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const SERVICES = ['shipments', 'customs', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * The three built services (dist/) as child processes, each on a fixed port so clients keep their
 * URLs across restarts, logging to `<logsDir>/<service>.log`. Like a supervisor, a service that
 * exits when nobody killed it is started again, and the exit is remembered for the summary.
 */
export class ServiceProcesses {
  private readonly children = new Map<ServiceName, ChildProcess>();
  private readonly expectedExit = new Set<ChildProcess>();
  private stopping = false;
  /** Exits nobody asked for: `<service>: code …/signal …`. */
  readonly unexpectedExits: string[] = [];

  constructor(
    private readonly repo: string,
    private readonly env: NodeJS.ProcessEnv,
    readonly ports: Record<ServiceName, number>,
    private readonly logsDir: string,
  ) {}

  url(service: ServiceName): string {
    return `http://127.0.0.1:${this.ports[service]}`;
  }

  log(service: ServiceName): string {
    return join(this.logsDir, `${service}.log`);
  }

  start(service: ServiceName): void {
    const main = join(this.repo, 'dist/apps', service, 'src/main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (npm run chaos does)`);
    const out = openSync(this.log(service), 'a');
    const child = spawn(process.execPath, [main], {
      cwd: this.repo,
      env: { ...this.env, [`${service.toUpperCase()}_PORT`]: String(this.ports[service]) },
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    this.children.set(service, child);
    child.once('exit', (code, signal) => {
      if (this.expectedExit.delete(child) || this.stopping) return;
      this.unexpectedExits.push(
        `${service}: exited by itself (code ${code}, signal ${signal}); see ${this.log(service)}`,
      );
      setTimeout(() => !this.stopping && this.start(service), 1000);
    });
  }

  /** kill -9, then resolves once the process is gone. */
  async kill(service: ServiceName): Promise<number> {
    const child = this.children.get(service)!;
    const pid = child.pid!;
    if (child.exitCode !== null || child.signalCode !== null) return pid;
    this.expectedExit.add(child);
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
    return pid;
  }

  /** Waits until each service answers /health/ready with 200 (Postgres, Redis and Kafka reachable). */
  async waitReady(timeoutMs: number, services: readonly ServiceName[] = SERVICES): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const service of services) {
      for (;;) {
        const ready = await fetch(`${this.url(service)}/health/ready`, { signal: AbortSignal.timeout(5_000) }).then(
          (r) => r.ok,
          () => false,
        );
        if (ready) break;
        if (Date.now() > deadline)
          throw new Error(`${service} not ready within ${timeoutMs / 1000} s; see ${this.log(service)}`);
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
