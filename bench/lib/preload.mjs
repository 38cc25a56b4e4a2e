// Stored shipments for `--preload` (issue 14: throughput flat between 10,000 and 1,000,000 stored
// shipments). Each is a copy of a shipment the benchmark booked and departed through the API, with
// the rows that booking and departure left on the paths the load reads or writes: the shipment, its
// history (the departure), its pending follow-up (the leg's arrival), and in notifications the cargo's
// names and the feed notifications (booked, departed). Copies take every column of the original, so
// they keep its shape when the services change theirs. Not copied: outbox and inbox rows (their
// retention bounds them by event rate, not by how many shipments are stored) and customs
// declarations (the benchmark's booking has no crossing and opens none; should one, the preload says so).
// Written by set-based SQL, a chunk per transaction, then vacuumed and analysed (a long-lived database
// has hinted, counted rows) and checkpointed (so the seed's writes do not land inside a measurement).
import { withClient } from './postgres.mjs';
import { chunks, SEEDED_ID_SQL, SEEDED_TRACKING_NUMBER_SQL, seededShipmentId } from './seeded.mjs';

const CHUNK = 100_000;

/** What each copy changes of the original's rows (`t`); every other column is the original's. */
const COPIES = [
  {
    table: '"shipments".shipments',
    of: 'id',
    set: {
      id: SEEDED_ID_SQL,
      tracking_number: SEEDED_TRACKING_NUMBER_SQL,
      // Booked a second apart, older than the benchmark's own: the shippers' list index is not one key.
      booked_at: "t.booked_at - i * interval '1 second'",
      created_at: "t.created_at - i * interval '1 second'",
    },
  },
  {
    table: '"shipments".shipment_events',
    of: 'shipment_id',
    set: {
      id: 'gen_random_uuid()',
      shipment_id: SEEDED_ID_SQL,
      carrier_event_id: "'preload-' || i || '-' || t.carrier_event_id",
    },
  },
  // A follow-up's id names its shipment (leg-overdue.<shipment>.<leg>).
  {
    table: '"shipments".follow_ups',
    of: 'subject_id',
    set: { id: `replace(t.id, CAST(t.subject_id AS text), CAST(${SEEDED_ID_SQL} AS text))`, subject_id: SEEDED_ID_SQL },
  },
  {
    table: '"notifications".shipments',
    of: 'shipment_id',
    set: { shipment_id: SEEDED_ID_SQL, tracking_number: SEEDED_TRACKING_NUMBER_SQL },
  },
  {
    table: '"notifications".notifications',
    of: 'shipment_id',
    set: {
      id: 'gen_random_uuid()',
      shipment_id: SEEDED_ID_SQL,
      source_event_id: 'gen_random_uuid()',
      // Feed rows get their position as the sequencer would have given it; seq (bigserial) is the copy's own.
      feed_seq: `CASE WHEN t.channel = 'feed' THEN nextval('"notifications".notifications_feed_seq_seq') END`,
    },
  },
];

/**
 * The INSERT … SELECT that writes copies i = $2…$3 of the rows of shipment $1,
 * or undefined when the table is not in this database.
 */
async function copyStatement(client, { table, of, set }) {
  const [schema, name] = table.split('.').map((part) => part.replaceAll('"', ''));
  const { rows: columns } = await client.query(
    `SELECT column_name AS name, coalesce(column_default LIKE 'nextval(%', false) AS numbered
       FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
    [schema, name],
  );
  if (columns.length === 0) return undefined;
  const kept = columns.filter((c) => c.name in set || !c.numbered);
  return `INSERT INTO ${table} (${kept.map((c) => `"${c.name}"`).join(', ')})
          SELECT ${kept.map((c) => set[c.name] ?? `t."${c.name}"`).join(', ')}
            FROM ${table} t, generate_series($2::int, $3::int) AS i WHERE t.${of} = $1`;
}

/**
 * Runs `seed(from, to)` over from…to in chunks of `size`, a line per chunk when there are several.
 * @param {{
 *   from?: number, to: number, size?: number, what: string, seed: (from: number, to: number) => Promise<void>,
 *   log?: (line: string) => void
 * }} options
 */
export async function seedInChunks({ from = 1, to, size = CHUNK, what, seed, log }) {
  const started = Date.now();
  const ranges = chunks(from, to, size);
  for (const [start, end] of ranges) {
    await seed(start, end);
    const seconds = (Date.now() - started) / 1000;
    if (ranges.length > 1)
      log?.(
        `    ${what}: ${(end - from + 1).toLocaleString('en-US')} / ${(to - from + 1).toLocaleString('en-US')} ` +
          `(${Math.round((end - from + 1) / seconds).toLocaleString('en-US')}/s, ${seconds.toFixed(0)} s)`,
      );
  }
}

/**
 * Vacuums and analyses `tables`, then checkpoints: what a long-lived database would be, before a measurement. Answers
 * the seconds each took.
 */
export async function settle(client, tables) {
  const started = Date.now();
  for (const table of tables) await client.query(`VACUUM ANALYZE ${table}`);
  const vacuumed = Date.now();
  await client.query('CHECKPOINT');
  return { vacuumSec: (vacuumed - started) / 1000, checkpointSec: (Date.now() - vacuumed) / 1000 };
}

/**
 * Fills a bench stack's store up to a number of shipments with copies of `template` (booked and
 * departed by the benchmark), on top of the `booked` ones. `fill(total)` seeds the difference and
 * answers the ids of every stored shipment, shuffled, so a load spreads over the whole store.
 * @param {object} stack a bench stack
 * @param {{ template: string, booked: string[], log: (line: string) => void }} options
 */
export function preloader(stack, { template, booked, log }) {
  let seeded = 0;
  return {
    async fill(total) {
      const wanted = Math.max(0, total - booked.length);
      if (wanted > seeded) {
        const started = Date.now();
        let timings = {};
        log(
          `  preload: ${seeded ? 'adding' : 'seeding'} ${(wanted - seeded).toLocaleString('en-US')} copies of ` +
            `shipment ${template} (${booked.length} booked through the API)`,
        );
        await withClient(stack.databaseUrl, async (client) => {
          const declarations = await client
            .query('SELECT count(*) AS n FROM "customs".declarations WHERE shipment_id = $1', [template])
            .then(
              (r) => Number(r.rows[0].n),
              () => 0,
            );
          if (declarations > 0)
            log(`  preload: the booking opened ${declarations} customs declarations; the copies have none`);
          const copies = [];
          for (const copy of COPIES) {
            const sql = await copyStatement(client, copy);
            if (sql) copies.push({ table: copy.table, sql });
          }
          await seedInChunks({
            from: seeded + 1,
            to: wanted,
            what: 'shipments copied',
            log,
            seed: async (from, to) => {
              await client.query('BEGIN');
              for (const { sql } of copies) await client.query(sql, [template, from, to]);
              await client.query('COMMIT');
            },
          });
          const copiedSec = (Date.now() - started) / 1000;
          timings = {
            copiedSec,
            ...(await settle(
              client,
              copies.map((c) => c.table),
            )),
          };
        });
        seeded = wanted;
        const stored = await stack.scalar('SELECT count(*) FROM "shipments".shipments');
        log(
          `  preload: ${stored.toLocaleString('en-US')} stored shipments (copied in ${timings.copiedSec.toFixed(1)} ` +
            `s, vacuumed and analysed in ${timings.vacuumSec.toFixed(1)} s, ` +
            `checkpoint ${timings.checkpointSec.toFixed(1)} s)`,
        );
      }
      const ids = [...booked, ...Array.from({ length: seeded }, (_, i) => seededShipmentId(i + 1))];
      for (let i = ids.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [ids[i], ids[j]] = [ids[j], ids[i]];
      }
      return ids;
    },
  };
}
