#!/usr/bin/env node
// npm run bench:e2e — carrier post accepted → signed webhook received, with the whole system on this
// box; the `e2e` phase of `npm run bench` run on its own (see bench/phases/e2e.mjs).
//
// Starts the three built services as in production (bench/stack.mjs), books and departs shipments,
// subscribes a webhook endpoint in this process and posts single carrier events at each rate of
// --rate (default 200/s; `--rate 50,200` runs both, one after the other) for --duration seconds.
import { parseArgs } from 'node:util';
import { describeMachine, machineInfo } from './lib/machine.mjs';
import { benchKeys, bookDepartedShipments } from './lib/shipments.mjs';
import { TARGETS } from './lib/targets.mjs';
import { E2E_ENV, runE2e, startWebhookReceiver, subscribe } from './phases/e2e.mjs';
import { log, runBench, sleep } from './stack.mjs';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    duration: { type: 'string', default: '20' },
    shipments: { type: 'string', default: '200' },
  },
});
const rates = args.rate.split(',').map(Number);

runBench({ env: E2E_ENV, ports: 'free' }, async (stack) => {
  log(`bench:e2e — ${describeMachine(machineInfo())}`);
  log(
    '  everything on this box: Kafka, Postgres, Redis, 3 services (production mode, LOG_LEVEL=warn), ' +
      'the load generator and the webhook receiver',
  );
  log(
    `  ${rates.join(' then ')} carrier events/s for ${args.duration} s over ${args.shipments} shipments; ` +
      `latency = webhook received − acceptedAt\n`,
  );
  const receiver = await startWebhookReceiver();
  try {
    const { shipper, carrier } = benchKeys(stack);
    await subscribe(stack, receiver, shipper);
    const ids = await bookDepartedShipments(stack, { count: Number(args.shipments), shipper, carrier });
    await sleep(2000);
    const runs = [];
    for (const rate of rates)
      runs.push(await runE2e(stack, { ids, carrier, receiver, rate, duration: Number(args.duration), log }));
    log('\nsummary:');
    for (const run of runs) {
      const target = TARGETS.webhook[run.rate] ?? {};
      const judge = (name) =>
        target[name] === undefined ? '' : `target ≤ ${target[name]} ms ${run[name] <= target[name] ? 'met' : 'MISSED'}`;
      log(`  ${run.rate}/s  p50 ${String(run.p50).padStart(5)} ms ${judge('p50')}`);
      log(`  ${run.rate}/s  p99 ${String(run.p99).padStart(5)} ms ${judge('p99')}`);
      log(
        `  ${run.rate}/s  missing ${run.missing}, doubled ${run.doubled}, unexpected ${run.unexpected}, ` +
          `bad signatures ${run.badSignatures}`,
      );
    }
  } finally {
    receiver.server.close();
  }
});
