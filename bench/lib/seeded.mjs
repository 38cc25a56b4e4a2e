// The shipments a benchmark seeds (pure), named the same way in SQL and in JS: shipment i (1-based)
// has the id md5(i) made a version-4 uuid (the API refuses any other) and a tracking number made of
// i in hex behind a U, a letter the service never draws (Crockford base32), so a seeded number never
// meets a booked one. The pgbench bound and `--preload` name them alike.
import { createHash } from 'node:crypto';

/**
 * The id of the shipment numbered by the SQL integer expression `number`:
 * md5 with the version (4) and variant (8) digits set.
 */
export const seededIdSql = (number) =>
  `CAST(overlay(overlay(md5(CAST(${number} AS text)) placing '4' from 13) placing '8' from 17) AS uuid)`;

/** Shipment i's id, with `i` a generate_series column. */
export const SEEDED_ID_SQL = seededIdSql('i');

/** Shipment i's tracking number (KZPK-U000-0001), as the service's are shaped (KZPK-7F3K-9Q2M). */
export const SEEDED_TRACKING_NUMBER_SQL =
  "'KZPK-U' || substr(lpad(upper(to_hex(i)), 7, '0'), 1, 3) || '-' || substr(lpad(upper(to_hex(i)), 7, '0'), 4, 4)";

export function seededShipmentId(i) {
  const md5 = createHash('md5').update(String(i)).digest('hex');
  const hex = `${md5.slice(0, 12)}4${md5.slice(13, 16)}8${md5.slice(17)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function seededTrackingNumber(i) {
  const hex = i.toString(16).toUpperCase().padStart(7, '0');
  return `KZPK-U${hex.slice(0, 3)}-${hex.slice(3)}`;
}

/** [from, to] ranges (inclusive) of at most `size` that cover from…to in order. */
export function chunks(from, to, size) {
  const ranges = [];
  for (let start = from; start <= to; start += size) ranges.push([start, Math.min(to, start + size - 1)]);
  return ranges;
}
