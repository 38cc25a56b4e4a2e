// The per-request cost of the platform: `GET /health/live` on the shipments service (guards, hooks,
// interceptors, rate limiting, logging, metrics — no database) right after a node:http server with no
// framework under the same load (raw bound 3), on an idle stack.
import { runNodeHttpBound } from '../bounds/node-http.mjs';
import { load, summarize } from '../lib/load.mjs';

/** @param {{ duration: number, connections: number, log: (line: string) => void }} options */
export async function runHttp(stack, { duration, connections, log }) {
  const node = await runNodeHttpBound({ duration, connections });
  log(
    `  node:http hello world, ${connections} connections: ${node.requestsPerSec} req/s (p50 ${node.p50} ms, ` +
      `p99 ${node.p99} ms, errors ${node.errors})`,
  );
  const live = summarize(await load({ url: `${stack.url('shipments')}/health/live`, duration, connections }));
  log(
    `  GET /health/live on shipments, ${connections} connections: ${live.requestsPerSec} req/s (p50 ${live.p50} ms, ` +
      `p99 ${live.p99} ms, non-2xx ${live.non2xx}, errors ${live.errors})`,
  );
  return { node, live, connections };
}
