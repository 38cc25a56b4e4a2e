import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(__dirname, '../..');
const main = join(repo, 'dist/apps/chaos/src/main.js');

export interface ChaosRun {
  code: number | null;
  output: string;
  /** The printed summary (from `▶ summary`). */
  summary(): string;
  /** A summary line's text after its label. */
  figure(label: string): string;
  /** Why the run is not clean: the summary, or the end of the output when the run ended before it. */
  explanation(): string;
  /** The listed faults (one line each). */
  faults(): string[];
}

/** Runs the built chaos script to its end (SIGINT, so it tears down, if it overruns), with everything it printed. */
export function runChaos(args: string[], timeoutMs: number): Promise<ChaosRun> {
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (npm test does)`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [main, ...args], {
      cwd: repo,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGINT'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const summary = () => output.slice(output.indexOf('▶ summary'));
      resolve({
        code,
        output,
        summary,
        figure: (label) => new RegExp(`^  ${label}\\s+(.*)$`, 'm').exec(summary())?.[1] ?? '',
        explanation: () => (output.includes('▶ summary') ? summary() : output.slice(-6000)),
        faults: () =>
          summary()
            .split('\n')
            .filter((l) => /^\s+[\d.]+ s {2}/.test(l)),
      });
    });
  });
}
