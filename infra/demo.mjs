#!/usr/bin/env node
// `npm run demo`: build, bring up the infrastructure, apply migrations, start the three services and
// the operator console, wait until each says ready, then run the carrier simulator (apps/simulator): cargo on every
// seed corridor on an accelerated clock, stand-in shippers receiving webhooks and email, a live table and
// a summary against the oracle. Leaves the services running until Ctrl-C.
//   --exit          stop the services after the summary
//   --no-simulate   only start the system
//   --shipments N   how many shipments (default 12: two per corridor); --fast posts without pacing
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const logsDir = join(process.env.INFRA_STATE_DIR || join(repo, '.infra'), 'logs');
const exitAfterReady = process.argv.includes('--exit');
const simulate = !process.argv.includes('--no-simulate');
const shipmentsArg = process.argv.indexOf('--shipments');
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

async function waitReady(service, child, deadlineMs) {
  const url = `http://127.0.0.1:${service.port}/health/ready`;
  while (Date.now() < deadlineMs) {
    if (child.exitCode !== null)
      throw new Error(`${service.name} exited with code ${child.exitCode}; see ${service.log}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(`${service.name} not ready within the time limit; see ${service.log}`);
}

step('building', 'npx', ['nest', 'build']);
step('infrastructure: Kafka, Postgres, Redis, topics', process.execPath, ['infra/infra.mjs', 'up']);
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
const serviceEnv = {
  ...process.env,
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
const children = services.map((service) => {
  service.log = join(logsDir, `${service.name}.log`);
  const out = openSync(service.log, 'a');
  const child = spawn(process.execPath, [join(repo, `dist/apps/${service.name}/src/main.js`)], {
    cwd: repo,
    stdio: ['ignore', out, out],
    // The console's own key goes to the console only.
    env: service.console ? { ...serviceEnv, CONSOLE_OPERATOR_KEY: consoleKey } : serviceEnv,
  });
  closeSync(out);
  return { service, child };
});

let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\n▶ stopping services (infrastructure stays up; npm run infra:down stops it)\n');
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
  await Promise.all(children.map(({ service, child }) => waitReady(service, child, deadline)));
} catch (error) {
  process.stderr.write(`✖ ${error.message}\n`);
  await stopAll(1);
}

process.stdout.write('\n✔ the system is up\n\n');
for (const { service } of children) {
  if (service.console) continue;
  process.stdout.write(
    `  ${service.name.padEnd(14)} http://127.0.0.1:${service.port}   docs: /docs   metrics: /metrics   logs: ${service.log}\n`,
  );
}
const operatorConsole = services.find((service) => service.console);
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
