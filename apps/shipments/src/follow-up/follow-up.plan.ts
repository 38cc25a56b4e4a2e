import type { TransportMode } from '@lib/contracts';
import type { PlannedFollowUp } from '@lib/follow-ups';
import type { LegState, TrackedShipment } from '../shipment/tracking-state';

export type ShipmentFollowUpKind = 'leg_overdue' | 'shelf_life';

export const FOLLOW_UP_SETTINGS = Symbol('FOLLOW_UP_SETTINGS');

export interface FollowUpSettings {
  legOverdueGraceMs: number;
  shelfLifeAlertFraction: number;
}

/** When a leg without a planned arrival should arrive: typical hours by mode after its departure. */
const TYPICAL_LEG_HOURS: Record<TransportMode, number> = { ROAD: 72, RAIL: 96, SEA: 120, AIR: 6 };

export function expectedArrival(leg: LegState): Date | undefined {
  if (leg.plannedArrival) return new Date(leg.plannedArrival);
  if (!leg.actualDeparture) return undefined;
  return new Date(Date.parse(leg.actualDeparture) + TYPICAL_LEG_HOURS[leg.mode] * 3600_000);
}

/**
 * What a departure sets watching: the leg's arrival (planned arrival + grace) and, on the first
 * departure of a perishable, its shelf life (a fraction of it after departure).
 */
export function followUpsForDeparture(
  shipment: TrackedShipment,
  legSequence: number,
  settings: FollowUpSettings,
): PlannedFollowUp[] {
  const leg = shipment.legs.find((l) => l.sequence === legSequence);
  if (!leg?.actualDeparture) return [];
  const planned: PlannedFollowUp[] = [];
  const arrival = expectedArrival(leg);
  if (arrival) {
    planned.push({
      id: `leg-overdue.${shipment.id}.${leg.sequence}`,
      subjectId: shipment.id,
      kind: 'leg_overdue' satisfies ShipmentFollowUpKind,
      details: { legSequence: leg.sequence },
      dueAt: new Date(arrival.getTime() + settings.legOverdueGraceMs),
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
