import type { TransportMode } from '@lib/contracts';
import type { PlannedFollowUp } from '@lib/follow-ups';
import type { LegState, TrackedShipment } from '../shipment/tracking-state';

export type ShipmentFollowUpKind = 'leg_overdue' | 'shelf_life' | 'reefer_silent';

export const FOLLOW_UP_SETTINGS = Symbol('FOLLOW_UP_SETTINGS');

export interface FollowUpSettings {
  legOverdueGraceMs: number;
  shelfLifeAlertFraction: number;
  /** How long a perishable's reefer may send no reading (reefer-silence.ts; its default when absent). */
  reeferSilenceMs?: number;
}

/** When a leg without a planned arrival should arrive: typical hours by mode after its departure. */
const TYPICAL_LEG_HOURS: Record<TransportMode, number> = { ROAD: 72, RAIL: 96, SEA: 120, AIR: 6 };

export function expectedArrival(leg: LegState): Date | undefined {
  if (leg.plannedArrival) return new Date(leg.plannedArrival);
  if (!leg.actualDeparture) return undefined;
  return new Date(Date.parse(leg.actualDeparture) + TYPICAL_LEG_HOURS[leg.mode] * 3600_000);
}

/** A leg's arrival as predicted from its actual departure (eta.predictor.ts): the median and the upper bound. */
export interface PredictedLegArrival {
  arrival: string;
  latest: string;
  /**
   * Whether the prediction is a corridor's (the legs match one). Otherwise it comes from the shipper's
   * plan or the mode, and the shipper's planned arrival + grace stays a floor.
   */
  onCorridor: boolean;
}

/**
 * When a departed leg is overdue: past the upper bound of its predicted arrival (actual departure plus
 * the model's upper travel time), and never sooner than the grace after its median — the grace is a
 * floor for legs the model is very sure of. For legs that match no corridor (a shipper's own, or booked
 * on corridor data since changed), never sooner than the leg's planned arrival + grace either: the
 * shipper's own plan is not declared late before it is. Without a prediction: planned arrival + grace.
 */
export function overdueAt(
  leg: LegState,
  predicted: PredictedLegArrival | undefined,
  graceMs: number,
): Date | undefined {
  const arrival = expectedArrival(leg);
  const planned = arrival && arrival.getTime() + graceMs;
  if (!predicted) return planned === undefined ? undefined : new Date(planned);
  const due = Math.max(Date.parse(predicted.latest), Date.parse(predicted.arrival) + graceMs);
  const plannedFloor = !predicted.onCorridor && leg.plannedArrival ? Date.parse(leg.plannedArrival) + graceMs : NaN;
  return new Date(Number.isFinite(plannedFloor) ? Math.max(due, plannedFloor) : due);
}

/**
 * What a departure sets watching: the leg's arrival (see `overdueAt`) and, on the first departure of a
 * perishable, its shelf life (a fraction of it after departure).
 */
export function followUpsForDeparture(
  shipment: TrackedShipment,
  legSequence: number,
  settings: FollowUpSettings,
  predicted?: PredictedLegArrival,
): PlannedFollowUp[] {
  const leg = shipment.legs.find((l) => l.sequence === legSequence);
  if (!leg?.actualDeparture) return [];
  const planned: PlannedFollowUp[] = [];
  const dueAt = overdueAt(leg, predicted, settings.legOverdueGraceMs);
  if (dueAt) {
    planned.push({
      id: `leg-overdue.${shipment.id}.${leg.sequence}`,
      subjectId: shipment.id,
      kind: 'leg_overdue' satisfies ShipmentFollowUpKind,
      details: { legSequence: leg.sequence },
      dueAt,
    });
  }
  const perishable = shipment.cargo.perishable;
  if (perishable && legSequence === shipment.legs[0].sequence) {
    const lifeMs = perishable.shelfLifeDays * 24 * 3600_000;
    planned.push({
      id: `shelf-life.${shipment.id}`,
      subjectId: shipment.id,
      kind: 'shelf_life' satisfies ShipmentFollowUpKind,
      details: null,
      dueAt: new Date(Date.parse(leg.actualDeparture) + lifeMs * settings.shelfLifeAlertFraction),
    });
  }
  return planned;
}
