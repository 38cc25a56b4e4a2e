// Raw bound 3: the per-request cost of HTTP in Node itself. A node:http server with no framework
// (bench/bounds/hello-server.mjs, its own process like a service) under the same load generator and
// settings as `GET /health/live` on a service.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { load, summarize } from '../lib/load.mjs';
import { repo } from '../lib/common.mjs';

export async function runNodeHttpBound({ duration, connections }) {
  const server = fork(join(repo, 'bench/bounds/hello-server.mjs'), [], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    const { port } = await new Promise((resolve, reject) => {
      server.once('message', resolve);
      server.once('exit', (code) => reject(new Error(`hello server exited (${code})`)));
    });
    return summarize(await load({ url: `http://127.0.0.1:${port}/health/live`, duration, connections }));
  } finally {
    server.kill('SIGTERM');
  }
}
