/**
 * `node dist/apps/simulator/src/main.js` (run by `npm run demo`): stand-in shippers (a webhook
 * receiver verifying signatures with `standardwebhooks`, an SMTP catcher), tenants and keys, then
 * cargo on every seed corridor driven over HTTP, a live table per corridor, and a summary against
 * the oracle once the pipeline has drained.
 */
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@lib/database';
import { IdentityStore, migrateIdentity, type NewTenant } from '@lib/identity';
import { listCorridors } from '@lib/reference-data';
import { startSmtpCatcher, startWebhookReceiver } from '@lib/stand-in-shippers';
import { tally } from './oracle';
import { deadLetters, publishedFacts, receivedEmails, receivedWebhooks } from './oracle-sources';
import { scenarios } from './scenario';
import { runShipment, type ShipmentRun } from './shipment-run';
import { send, sleep } from './simulator.http';

const { values: args } = parseArgs({
  options: {
    shipments: { type: 'string', default: '12' },
    concurrency: { type: 'string', default: '6' },
    'drain-timeout': { type: 'string', default: '120' },
    // Post as fast as possible instead of at the legs' planned (simulated) times.
    fast: { type: 'boolean', default: false },
  },
});
const env = process.env;
const endpoints = {
  shipments: `http://127.0.0.1:${env.SHIPMENTS_PORT ?? 3001}`,
  customs: `http://127.0.0.1:${env.CUSTOMS_PORT ?? 3002}`,
  notifications: `http://127.0.0.1:${env.NOTIFICATIONS_PORT ?? 3003}`,
};
const out = (line = '') => process.stdout.write(`${line}\n`);

/** Simulated now, exactly as the services compute it from the same variables. */
function clock(): () => Date {
  const epoch = env.CLOCK_EPOCH ? Date.parse(env.CLOCK_EPOCH) : Date.now();
  const realStart = env.CLOCK_REAL_START ? Date.parse(env.CLOCK_REAL_START) : Date.now();
  const scale = Number(env.CLOCK_SCALE ?? 1);
  return () => new Date(epoch + (Date.now() - realStart) * scale);
}

async function tenants(names: NewTenant[]) {
  const databaseUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/logistics';
  await migrateIdentity(databaseUrl);
  const dataSource = await new DataSource(
    dataSourceOptions({ url: databaseUrl, schema: 'identity', migrations: [], poolSize: 2 }),
  ).initialize();
  try {
    const store = new IdentityStore(dataSource);
    const callers = [];
    for (const tenant of names) {
      const tenantId = await store.createTenant(tenant);
      const key = await store.issueKey(tenantId, 'simulator');
      callers.push({ tenantId, authorization: `Bearer ${key.token}` });
    }
    return callers;
  } finally {
    await dataSource.destroy();
  }
}

function table(runs: Map<string, ShipmentRun[]>, started: number) {
  const rows = [...runs.entries()].map(([corridor, list]) => {
    const done = list.filter((r) => r.delivered).length;
    const bar = '█'.repeat(Math.round((done / Math.max(list.length, 1)) * 20)).padEnd(20, '░');
    const legs = list.map((r) => (r.delivered ? '✓' : `${r.leg}/${r.legs}`)).join(' ');
    const held = list.reduce((n, r) => n + r.gateBlocked, 0);
    return (
      `  ${corridor.padEnd(20)} ${bar} ${String(done).padStart(2)}/${list.length} delivered  waited for ` +
      `clearance ${held}×  legs ${legs}`
    );
  });
  return [`  ${((Date.now() - started) / 1000).toFixed(0)} s`, ...rows].join('\n');
}

async function main() {
  const now = clock();
  const smtp = await startSmtpCatcher(Number(env.SMTP_PORT ?? 1025));
  let secret = '';
  const receiver = await startWebhookReceiver(() => secret);
  const codes = [...new Set(listCorridors().flatMap((c) => c.legs.map((l) => l.carrier)))];
  const [shipper, customsDesk, ...carrierCallers] = await tenants([
    { name: `Bhalwal Kinnow Exports (demo ${new Date().toISOString().slice(11, 19)})`, role: 'shipper' },
    { name: 'Customs control room (demo)', role: 'operator' },
    ...codes.map((code): NewTenant => ({ name: `${code} (demo)`, role: 'carrier', carrierCode: code })),
  ]);
  const carriers = new Map(codes.map((code, i) => [code, carrierCallers[i]]));
  const hook = await send('POST', `${endpoints.notifications}/v1/subscriptions`, shipper, {
    channel: 'webhook',
    url: receiver.url,
    description: 'demo receiver',
  });
  if (hook.status !== 201)
    throw new Error(
      `webhook subscription refused (${hook.status}): ${JSON.stringify(hook.body)}; ` +
        `the demo's notifications service needs WEBHOOK_ALLOW_LOOPBACK=true`,
    );
  secret = hook.body?.secret as string;
  await send('POST', `${endpoints.notifications}/v1/subscriptions`, shipper, {
    channel: 'email',
    email: 'cargo@bhalwal-kinnow.example',
    description: 'demo inbox',
  });

  // Cargo and corridors for the simulated date: the season's fruit, no corridor closed then.
  const plan = scenarios(Number(args.shipments), now());
  out(
    `▶ simulating ${plan.length} shipments on ${listCorridors().length} corridors (simulated time ` +
      `${now().toISOString()}, ×${env.CLOCK_SCALE ?? 1})`,
  );
  out(`  shipper ${shipper.tenantId}: webhook ${receiver.url}, email via SMTP :${smtp.port}\n`);
  const byCorridor = new Map<string, ShipmentRun[]>();
  const started = Date.now();
  const live = process.stdout.isTTY;
  let printed = 0;
  const render = () => {
    const text = table(byCorridor, started);
    if (live && printed) process.stdout.write(`\x1b[${printed}A\x1b[J`);
    process.stdout.write(`${text}\n`);
    printed = text.split('\n').length;
  };
  const ticker = setInterval(render, live ? 1000 : 15_000);
  const queue = [...plan];
  const runs: ShipmentRun[] = [];
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: Number(args.concurrency) }, async () => {
      for (let scenario = queue.shift(); scenario; scenario = queue.shift()) {
        try {
          runs.push(
            await runShipment(endpoints, { shipper, carriers, customs: customsDesk }, scenario, now, {
              pace: args.fast ? undefined : { scale: Number(env.CLOCK_SCALE ?? 1) },
              onProgress: (run) => {
                const list = byCorridor.get(run.scenario.corridor) ?? [];
                if (!list.includes(run)) list.push(run);
                byCorridor.set(run.scenario.corridor, list);
              },
            }),
          );
        } catch (error) {
          failures.push(`${scenario.corridor}: ${(error as Error).message}`);
        }
      }
    }),
  );
  clearInterval(ticker);
  render();

  out('\n▶ waiting for the pipeline to drain');
  const kafka = new Kafka({
    clientId: 'simulator',
    brokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });
  const prefix = env.KAFKA_TOPIC_PREFIX ?? '';
  const shipmentIds = new Set(runs.map((r) => r.shipmentId));
  const webhooks = () => receivedWebhooks(receiver);
  const emails = () => receivedEmails(smtp);
  const published = () => publishedFacts(kafka, prefix);
  const deadline = Date.now() + Number(args['drain-timeout']) * 1000;
  let facts = await published();
  while (Date.now() < deadline) {
    facts = await published();
    if (!tally(facts, shipmentIds, webhooks()).missing.length && !tally(facts, shipmentIds, emails()).missing.length)
      break;
    await sleep(1000);
  }
  await sleep(2000); // anything late or doubled shows up too
  const byWebhook = tally(facts, shipmentIds, webhooks());
  const byEmail = tally(facts, shipmentIds, emails());
  const dead = await deadLetters(kafka, prefix);
  // Carrier facts only: their acceptedAt is the wall-clock moment shipments accepted the post.
  const latencies = receiver.delivered
    .filter((r) => r.body?.data?.carrier !== undefined)
    .map((r) => r.receivedAt - Date.parse(r.body?.data?.acceptedAt ?? ''))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil((q / 100) * latencies.length) - 1)] ?? 0;

  out('\n▶ summary');
  out(
    `  shipments delivered        ${runs.filter((r) => r.delivered).length} of ` +
      `${plan.length}${failures.length ? `  (failed: ${failures.join('; ')})` : ''}`,
  );
  out(
    `  carrier posts              ${runs.reduce((n, r) => n + r.posted, 0)} (duplicates sent on purpose ` +
      `${runs.reduce((n, r) => n + r.duplicatesPosted, 0)}; departures held at a border ` +
      `${runs.reduce((n, r) => n + r.gateBlocked, 0)})`,
  );
  out(`  facts published            ${byWebhook.expected} shipment.* and customs.* events about these shipments`);
  out(
    `  webhooks received          ${byWebhook.received}   missing ${byWebhook.missing.length}   duplicates ` +
      `${byWebhook.duplicates}   bad signatures ${byWebhook.unverified}`,
  );
  out(
    `  emails received            ${byEmail.received}   missing ${byEmail.missing.length}   duplicates ` +
      `${byEmail.duplicates}`,
  );
  out(`  dead letters               ${dead.length}`);
  out(
    `  post → webhook latency     p50 ${p(50)} ms   p95 ${p(95)} ms   p99 ${p(99)} ms   (carrier posts: ` +
      `acceptedAt → webhook received)`,
  );
  const clean =
    failures.length === 0 &&
    byWebhook.missing.length +
      byWebhook.duplicates +
      byEmail.missing.length +
      byEmail.duplicates +
      dead.length +
      byWebhook.unverified ===
      0;
  out(clean ? '\n✔ every fact reached the shipper exactly once per channel' : '\n✖ see the figures above');
  await receiver.close();
  await smtp.close();
  return clean ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`✖ simulator: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
