// One address per service in front of its instances: the project's round-robin TCP balancer
// (libs/balancer, needs `nest build`) run in a child process (bench/lib/balancer-process.mjs).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repo } from './common.mjs';

/**
 * @param {Record<string, number[]>} upstreams each service's instance ports
 * @returns {Promise<{ ports: Record<string, number>, pid: number, close: () => Promise<void> }>}
 */
export function startBalancers(upstreams) {
  const child = spawn(process.execPath, [join(repo, 'bench/lib/balancer-process.mjs'), JSON.stringify(upstreams)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`the balancer process exited (${code}) before listening`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (!out.includes('\n')) return;
      child.removeAllListeners('exit');
      resolve({ ports: JSON.parse(out), pid: child.pid, close });
    });
  });
}
