import type { EntityManager } from 'typeorm';
import type { FollowUpRow, HandlerOutcome, PlannedFollowUp } from '@lib/follow-ups';
import type { Outbox } from '@lib/messaging';
import type { TrackedShipment } from '../shipment/tracking-state';
import type { ShipmentFollowUpKind } from './follow-up.plan';

/**
 * The reefer watch: a perishable in transit whose reefer goes quiet is a cargo nobody is watching. One
 * follow-up per shipment (`reefer-silence.<id>`), due the silence limit after the last reading arrived (or
 * the departure, before any): each reading moves it later (`FollowUps.move`, a row update, no Redis call),
 * so it fires only when readings stop arriving, once per silence; a reading after it fired arms it again.
 * Silence is counted from when a reading is heard (the clock), not from its `occurredAt`: what the watch
 * asks is whether the reefer still reaches us, and a departure reported days late must not alert at once.
 */
export const REEFER_SILENT = 'reefer_silent' satisfies ShipmentFollowUpKind;

/**
 * Six hours of simulated time. Reefer units report every 15–60 minutes; carriers' gateways batch, and the
 * mountain roads (Salang, Karakoram) and the queues at Torkham and Chaman lose coverage for an hour or
 * two: a limit of a few such gaps raises no false alarm. Longer would leave a failed unit unseen for too
 * much of a short shelf life (mango keeps 10–15 days, DOMAIN.md); shorter would cry wolf at every pass.
 * A judgement, not a sourced figure: `REEFER_SILENCE_MS` sets it.
 */
export const DEFAULT_REEFER_SILENCE_MS = 6 * 3600_000;

/** What a carrier event says about the reefer: an actual reading, or the departure that starts the watch. */
interface WatchedEvent {
  kind: string;
  classifier: string;
  leg: number;
}

/**
 * The watch this event sets or moves, given the shipment after it and when it was heard: a reading on a
 * perishable in transit, or the first leg's departure (the watch starts there, before any reading).
 * Nothing for dry goods, estimates or a shipment not on its way.
 */
export function reeferWatch(
  shipment: TrackedShipment,
  event: WatchedEvent,
  heardAt: Date,
  silenceMs: number,
): PlannedFollowUp[] {
  if (!shipment.cargo.perishable || event.classifier !== 'ACT' || shipment.status !== 'IN_TRANSIT') return [];
  const reading = event.kind === 'temperature';
  const departure = event.kind === 'departure' && event.leg === shipment.legs[0]?.sequence;
  if (!reading && !departure) return [];
  return [
    {
      id: `reefer-silence.${shipment.id}`,
      subjectId: shipment.id,
      kind: REEFER_SILENT,
      details: { silentSince: heardAt.toISOString() },
      dueAt: new Date(heardAt.getTime() + silenceMs),
    },
  ];
}

/** One watch per id, the latest (a batch may carry many readings of one reefer): the statement moves each once. */
export function latestWatches(watches: PlannedFollowUp[]): PlannedFollowUp[] {
  const byId = new Map<string, PlannedFollowUp>();
  for (const watch of watches) {
    const kept = byId.get(watch.id);
    if (!kept || watch.dueAt > kept.dueAt) byId.set(watch.id, watch);
  }
  return [...byId.values()];
}

/**
 * The watch came due: the reefer has been silent for the limit, so the shipper hears it once, with the
 * latest reading the history holds. Nothing once the cargo is delivered or cancelled. Reads the shipment
 * without locking it: a carrier post holds the shipment's lock while it moves this watch, and this runs
 * holding the watch's row, so a lock here could deadlock the two; the fact is only published, no
 * shipment state changes.
 */
export async function fireReeferSilence(
  manager: EntityManager,
  outbox: Outbox,
  watch: FollowUpRow,
): Promise<HandlerOutcome> {
  const [shipment]: (Pick<TrackedShipment, 'id' | 'shipperId' | 'status' | 'cargo'> & {
    lastReadingAt: Date | null;
  })[] = await manager.query(
    `SELECT s.id, s.shipper_id AS "shipperId", s.status, s.cargo,
              (SELECT max(e.occurred_at) FROM "shipments".shipment_events e
                WHERE e.shipment_id = s.id AND e.kind = 'temperature' AND e.classifier = 'ACT') AS "lastReadingAt"
         FROM "shipments".shipments s WHERE s.id = $1`,
    [watch.subjectId],
  );
  if (!shipment?.cargo.perishable || shipment.status !== 'IN_TRANSIT') return 'not-needed';
  const silentSince = String(watch.details?.silentSince);
  await outbox.append(manager, {
    type: 'shipment.reefer.silent',
    subject: shipment.id,
    data: {
      shipmentId: shipment.id,
      shipperId: shipment.shipperId,
      commodity: shipment.cargo.commodity,
      lastReadingAt: shipment.lastReadingAt?.toISOString() ?? null,
      silentSince,
      // As the watch was planned (the setting may have changed since).
      silenceMs: watch.dueAt.getTime() - Date.parse(silentSince),
    },
  });
  return 'fired';
}
