import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestStack } from './test-stack';

const repo = join(__dirname, '../../..');

export interface ChildService {
  service: string;
  baseUrl: string;
  child: ChildProcess;
  /** Resolves when the process has ended, with how it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it logged, for assertions and for a failing test's report. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs a built service (`dist/`, from `npm run build`) as a child process on the stack, for crash
 * tests that kill it with SIGKILL. Resolves once it listens; rejects if it dies first.
 */
export async function spawnService(
  service: string,
  stack: TestStack,
  env: NodeJS.ProcessEnv = {},
): Promise<ChildService> {
  const main = join(repo, 'dist/apps', service, 'src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (npm test does)`);
  const child = spawn(process.execPath, [main], {
    cwd: repo,
    env: { PATH: process.env.PATH, ...stack.env, LOG_LEVEL: 'info', [`${service.toUpperCase()}_PORT`]: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${service} did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /"msg":"listening".*?"url":"(http:[^"]+)"|"url":"(http:[^"]+)".*?"msg":"listening"/.exec(output);
      if (url) {
        clearTimeout(timer);
        resolve(url[1] ?? url[2]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${service} exited (code ${code}, signal ${signal}) before listening:\n${output}`));
    });
  });
  return {
    service,
    baseUrl,
    child,
    exited,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
