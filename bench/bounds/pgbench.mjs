// Raw bound 1: what PostgreSQL alone does with the carrier write set. pgbench (it ships with
// PostgreSQL) runs the statements one accepted carrier event costs — lock the shipment row, insert
// the history row, update the shipment, insert the outbox row (its trigger runs as under load in the
// service: the relay is awake, so the trigger reads the flag and does not NOTIFY) — on a private database migrated with
// the project's own migrations and seeded with shipments shaped like the benchmark's bookings (as many as the system
// holds: the bookings, or `--preload`'s count), each with its departure in the history. Once with one event per
// transaction, once with `batchSize` events per transaction as the batch endpoint writes them (one statement per step).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePgbench } from '../lib/parse.mjs';
import { carrierWriteSetScript, seedStatements } from './carrier-write-set.mjs';
import { createDatabase, databaseUrl, dropDatabase, migrate, withClient } from '../lib/postgres.mjs';
import { seedInChunks, settle } from '../lib/preload.mjs';

/** Seeds as `--preload` does the system's store: a transaction per chunk, then vacuum, analyse and a checkpoint. */
async function seed(url, shipments, log) {
  const started = Date.now();
  await withClient(url, async (client) => {
    await seedInChunks({
      to: shipments,
      what: 'pgbench shipments seeded',
      log,
      seed: async (from, to) => {
        await client.query('BEGIN');
        for (const statement of seedStatements(from, to)) await client.query(statement);
        await client.query('COMMIT');
      },
    });
    await settle(client, ['shipments.shipments', 'shipments.shipment_events']);
    // Under load the relay is awake (it polls) and writers do not wake it; see createRelayWake.
    await client.query('UPDATE shipments.outbox_relay SET asleep = false');
  });
  log?.(
    `  pgbench database seeded with ${shipments.toLocaleString('en-US')} shipments ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s with vacuum, analyse, checkpoint)`,
  );
}

function pgbench(url, script, { clients, duration, shipments }) {
  const args = [
    '-n',
    '-M',
    'prepared',
    '-c',
    String(clients),
    '-j',
    '2',
    '-T',
    String(duration),
    '-D',
    `shipments=${shipments}`,
    '-f',
    script,
    url,
  ];
  return new Promise((resolve, reject) =>
    execFile(process.env.PGBENCH ?? 'pgbench', args, { maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`pgbench failed: ${error.message}\n${stderr}`)) : resolve(parsePgbench(stdout)),
    ),
  );
}

/**
 * @returns {{
 *   single: ReturnType<typeof parsePgbench> & { eventsPerSec: number },
 *   batch: ReturnType<typeof parsePgbench> & { eventsPerSec: number },
 *   clients: number, batchSize: number, shipments: number
 * }}
 */
export async function runPgbenchBound({ duration, shipments, clients = 32, batchSize = 100, log }) {
  const name = `bench_pg_${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-pgbench-'));
  await createDatabase(name);
  try {
    const url = databaseUrl(name);
    migrate(url);
    await seed(url, shipments, log);
    const single = join(dir, 'carrier-event.sql');
    const batch = join(dir, 'carrier-batch.sql');
    writeFileSync(single, carrierWriteSetScript(1, shipments));
    writeFileSync(batch, carrierWriteSetScript(batchSize, shipments));
    const one = await pgbench(url, single, { clients, duration, shipments });
    log?.(
      `  pgbench, 1 event/tx, ${clients} clients: ${Math.round(one.tps)} tx/s (latency avg ${one.latencyAvgMs} ms, ` +
        `failed ${one.failed})`,
    );
    const many = await pgbench(url, batch, { clients, duration, shipments });
    log?.(
      `  pgbench, ${batchSize} events/tx, ${clients} clients: ${Math.round(many.tps * batchSize)} events/s ` +
        `(${Math.round(many.tps)} tx/s, latency avg ${many.latencyAvgMs} ms, failed ${many.failed})`,
    );
    return {
      single: { ...one, eventsPerSec: one.tps },
      batch: { ...many, eventsPerSec: many.tps * batchSize },
      clients,
      batchSize,
      shipments,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropDatabase(name);
  }
}
