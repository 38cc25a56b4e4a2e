// The child process bench/lib/balancers.mjs starts: one round-robin TCP balancer (the project's,
// libs/balancer, as a Kubernetes Service puts one in front of a Deployment) per service, in a
// process of its own so its CPU shows as its own part, not inside the load generator's.
//   argv[2]: JSON { service: [instance ports] }; prints JSON { service: balancer port } once listening.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repo } from './common.mjs';

const { Balancer } = createRequire(import.meta.url)(join(repo, 'dist/libs/balancer/src/index.js'));
const upstreams = JSON.parse(process.argv[2]);
const balancers = {};
for (const [service, ports] of Object.entries(upstreams)) balancers[service] = await Balancer.start(ports);
process.stdout.write(`${JSON.stringify(Object.fromEntries(Object.entries(balancers).map(([s, b]) => [s, b.port])))}\n`);
process.once(
  'SIGTERM',
  () => void Promise.all(Object.values(balancers).map((b) => b.close())).then(() => process.exit(0)),
);
