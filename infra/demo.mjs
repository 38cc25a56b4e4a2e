#!/usr/bin/env node
// `npm run demo`: build, bring up the infrastructure, apply migrations, start the three services and
// the operator console, wait until each says ready, then run the carrier simulator (apps/simulator): cargo on every
// seed corridor on an accelerated clock, stand-in shippers receiving webhooks and email, a live table and
// a summary against the oracle. Leaves the services running until Ctrl-C.
//   --exit          stop the services after the summary
//   --no-simulate   only start the system
//   --shipments N   how many shipments (default 12: two per corridor); --fast posts without pacing
//   --instances N   N processes of each service (ports 3101, 3201, … for shipments, and so on), each service
//                   behind a round-robin balancer on its usual port, as a Kubernetes Service would put them
//   --brokers N     a replicated local Kafka cluster of N brokers (infra:up --brokers N)
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const logsDir = join(process.env.INFRA_STATE_DIR || join(repo, '.infra'), 'logs');
const exitAfterReady = process.argv.includes('--exit');
const simulate = !process.argv.includes('--no-simulate');
const shipmentsArg = process.argv.indexOf('--shipments');
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  const value = at > 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > 5) {
    process.stderr.write(`✖ ${name} takes a whole number from 1 to 5\n`);
    process.exit(2);
  }
  return value;
};
const instances = option('--instances', 1);
const brokers = option('--brokers', undefined);
const services = [
  { name: 'shipments', port: Number(process.env.SHIPMENTS_PORT || 3001) },
  { name: 'customs', port: Number(process.env.CUSTOMS_PORT || 3002) },
  { name: 'notifications', port: Number(process.env.NOTIFICATIONS_PORT || 3003) },
  { name: 'console', port: Number(process.env.CONSOLE_PORT || 3004), console: true },
];

function step(title, command, args) {
  process.stdout.write(`\n▶ ${title}\n`);
  const result = spawnSync(command, args, { cwd: repo, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`✖ ${title} failed\n`);
    process.exit(result.status ?? 1);
  }
}

/** Waits until one process of the system ({ name, port, log }) answers /health/ready. */
async function waitReady(instance, child, deadlineMs) {
  const url = `http://127.0.0.1:${instance.port}/health/ready`;
  while (Date.now() < deadlineMs) {
    if (child.exitCode !== null)
      throw new Error(`${instance.name} exited with code ${child.exitCode}; see ${instance.log}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(`${instance.name} not ready within the time limit; see ${instance.log}`);
}

step('building', 'npx', ['nest', 'build']);
step('infrastructure: Kafka, Postgres, Redis, topics', process.execPath, [
  'infra/infra.mjs',
  'up',
  ...(brokers ? ['--brokers', String(brokers)] : []),
]);
step('migrations', process.execPath, ['dist/apps/ops/src/main.js', 'migrate']);

/**
 * The console reads the services' APIs (the shipment view) with an operator key of its own: one is
 * made for this run unless CONSOLE_OPERATOR_KEY is given. Operators still sign in with their own key.
 */
function consoleOperatorKey() {
  if (process.env.CONSOLE_OPERATOR_KEY) return process.env.CONSOLE_OPERATOR_KEY;
  const made = spawnSync(
    process.execPath,
    [
      'dist/apps/ops/src/main.js',
      'keys',
      'create',
      '--role',
      'operator',
      '--name',
      `Operator console (demo ${new Date().toISOString()})`,
    ],
    { cwd: repo, encoding: 'utf8' },
  );
  const key = /Authorization: (Bearer \S+)/.exec(made.stdout ?? '')?.[1];
  if (made.status !== 0 || !key) {
    process.stderr.write(`✖ could not make the console's operator key:\n${made.stderr}\n`);
    process.exit(1);
  }
  return key;
}

process.stdout.write('\n▶ starting services\n');
mkdirSync(logsDir, { recursive: true });
// One real anchor for every service's clock, so simulated time agrees across them at any CLOCK_SCALE;
// by default in season (the Khunjerab Pass open, SCAT flying, mango moving; the simulator picks cargo and
// corridors for whatever date this is) at one simulated hour per second, so a 20-day corridor takes minutes.
// The simulator's stand-in shippers listen on loopback.
// Every broker of the cluster as a seed, so a service starts whichever node is down (infra.mjs knows their addresses).
const cluster = JSON.parse(
  spawnSync(process.execPath, ['infra/infra.mjs', 'status', '--json'], { cwd: repo, encoding: 'utf8' }).stdout || '{}',
);
const serviceEnv = {
  ...process.env,
  ...(!process.env.KAFKA_BROKERS && cluster.brokers?.length > 1
    ? { KAFKA_BROKERS: cluster.brokers.map((b) => b.address).join(',') }
    : {}),
  CLOCK_EPOCH: process.env.CLOCK_EPOCH || '2026-06-01T06:00:00+05:00',
  CLOCK_SCALE: process.env.CLOCK_SCALE || '3600',
  CLOCK_REAL_START: process.env.CLOCK_REAL_START || new Date().toISOString(),
  WEBHOOK_ALLOW_LOOPBACK: process.env.WEBHOOK_ALLOW_LOOPBACK || 'true',
  FOLLOW_UP_SWEEP_INTERVAL_MS: process.env.FOLLOW_UP_SWEEP_INTERVAL_MS || '5000',
  // Where the console finds each service (readiness, and the shipment view's reads).
  ...Object.fromEntries(
    services.filter((s) => !s.console).map((s) => [`${s.name.toUpperCase()}_URL`, `http://127.0.0.1:${s.port}`]),
  ),
};
const consoleKey = consoleOperatorKey();

/** Where instance `k` of a service listens: its usual port with one instance, else 3101, 3201, … */
const instancePort = (service, k) => (instances > 1 && !service.console ? service.port + 100 * (k + 1) : service.port);
const processes = services.flatMap((service) =>
  Array.from({ length: service.console ? 1 : instances }, (_, k) => ({
    service,
    name: instances > 1 && !service.console ? `${service.name} #${k + 1}` : service.name,
    port: instancePort(service, k),
    log: join(logsDir, k === 0 ? `${service.name}.log` : `${service.name}-${k + 1}.log`),
  })),
);
const children = processes.map((instance) => {
  const { service } = instance;
  const out = openSync(instance.log, 'a');
  const child = spawn(process.execPath, [join(repo, `dist/apps/${service.name}/src/main.js`)], {
    cwd: repo,
    stdio: ['ignore', out, out],
    // The console's own key goes to the console only.
    env: {
      ...(service.console ? { ...serviceEnv, CONSOLE_OPERATOR_KEY: consoleKey } : serviceEnv),
      [`${service.name.toUpperCase()}_PORT`]: String(instance.port),
    },
  });
  closeSync(out);
  return { instance, child };
});

// Several instances: one address per service, the usual one, in front of them (libs/balancer, built into dist/).
const balancers = [];
if (instances > 1) {
  const { Balancer } = createRequire(import.meta.url)(join(repo, 'dist/libs/balancer/src/index.js'));
  for (const service of services.filter((s) => !s.console))
    balancers.push(
      await Balancer.start(
        processes.filter((p) => p.service === service).map((p) => p.port),
        service.port,
      ),
    );
}

let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\n▶ stopping services (infrastructure stays up; npm run infra:down stops it)\n');
  await Promise.all(balancers.map((balancer) => balancer.close()));
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(
    children.map(({ child }) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null)),
  );
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

try {
  const deadline = Date.now() + 60_000;
  await Promise.all(children.map(({ instance, child }) => waitReady(instance, child, deadline)));
} catch (error) {
  process.stderr.write(`✖ ${error.message}\n`);
  await stopAll(1);
}

process.stdout.write('\n✔ the system is up\n\n');
for (const service of services.filter((s) => !s.console)) {
  const own = processes.filter((p) => p.service === service);
  process.stdout.write(
    `  ${service.name.padEnd(14)} http://127.0.0.1:${service.port}   docs: /docs   metrics: /metrics   logs: ` +
      `${own.map((p) => p.log).join(', ')}\n`,
  );
  if (instances > 1)
    process.stdout.write(
      `  ${''.padEnd(14)} ${instances} instances behind it: ${own.map((p) => `:${p.port}`).join(', ')} ` +
        '(metrics per instance)\n',
    );
}
const operatorConsole = processes.find((p) => p.service.console);
process.stdout.write(
  `\n  operator console  http://127.0.0.1:${operatorConsole.port}   sign in with: npm run keys -- create --role operator --name "Duty operator"   logs: ${operatorConsole.log}\n`,
);
process.stdout.write(
  '\n  API key: npm run keys -- create --role shipper --name "My Company"   (then see the README quick start)',
);
process.stdout.write(
  '\n  Kafka topics: npm run infra:topics    dead letters: npm run ops -- dlq list    infrastructure: ' +
    'npm run infra:status\n',
);

let simulated = 0;
if (simulate) {
  process.stdout.write('\n');
  const args = [join(repo, 'dist/apps/simulator/src/main.js')];
  if (shipmentsArg > 0) args.push('--shipments', process.argv[shipmentsArg + 1]);
  if (process.argv.includes('--fast')) args.push('--fast');
  const simulator = spawn(process.execPath, args, { cwd: repo, stdio: 'inherit', env: serviceEnv });
  simulated = await new Promise((resolve) => simulator.once('exit', (code) => resolve(code ?? 1)));
}

if (exitAfterReady) await stopAll(simulated);
else
  process.stdout.write('\n  The system keeps running with what the simulator left in it. Ctrl-C stops the services.\n');
