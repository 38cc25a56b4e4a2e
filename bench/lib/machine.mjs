// What the figures were measured on: they mean little without the machine and how busy it was.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { repo } from './common.mjs';

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    ramGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg()[0],
  };
}

/** One line: "2 × AMD EPYC (cores), 24 GiB RAM, Node v20.20.0, load average 1.52 at start". */
export function describeMachine(info) {
  return (
    `${info.cores} × ${info.cpuModel}, ${info.ramGiB} GiB RAM, Node ${info.node}, ` +
    `load average ${info.loadAverage.toFixed(2)} at start`
  );
}

/** "commit 1a2b3c4" and whether the working tree differs from it (BENCH_REVISION names it outside a checkout). */
export function revision() {
  if (process.env.BENCH_REVISION) return `commit ${process.env.BENCH_REVISION}`;
  const git = (...args) =>
    execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return `commit ${git('rev-parse', '--short', 'HEAD')}${
      git('status', '--porcelain', '--untracked-files=no') ? ' + uncommitted changes' : ''
    }`;
  } catch {
    return 'no git revision';
  }
}
