import type { Cargo, LegSummary, Place } from '@lib/contracts';

export type LegStatus = 'PLANNED' | 'DEPARTED' | 'ARRIVED';
export type ShipmentStatus = 'BOOKED' | 'IN_TRANSIT' | 'DELIVERED' | 'CANCELLED';

/** A leg as the shipment row keeps it: the plan plus what carriers have reported. */
export interface LegState extends LegSummary {
  status?: LegStatus;
  /** Any actual (ACT) event has been accepted for this leg: the next leg may start reporting. */
  hasActual?: boolean;
  actualDeparture?: string;
  actualArrival?: string;
  eta?: string;
  /**
   * When the cargo was reported at the crossing this leg starts at (its first `border_arrival`): the
   * start of its dwell there, where the carrier says so (else the previous leg's arrival).
   */
  atCrossingSince?: string;
  /** Customs at the crossing this leg starts at, as its decisions were consumed. */
  clearance?: 'HELD' | 'CLEARED' | 'REJECTED';
  /** An accepted actual event shows the cargo has left this leg's crossing (its clearance was used). */
  movedOn?: boolean;
}

/** What the rules need to know about a shipment; the service loads it under a row lock. */
export interface TrackedShipment {
  id: string;
  shipperId: string;
  status: ShipmentStatus;
  cargo: Cargo;
  legs: LegState[];
  position: { place: Place; at: string } | null;
  inExcursion: boolean;
}

const legRank: Record<LegStatus, number> = { PLANNED: 0, DEPARTED: 1, ARRIVED: 2 };
const shipmentRank: Record<ShipmentStatus, number> = { BOOKED: 0, IN_TRANSIT: 1, DELIVERED: 2, CANCELLED: 3 };

/** Statuses only move forward: a late event never takes a leg or a shipment back. */
export function laterLegStatus(current: LegStatus | undefined, next: LegStatus): LegStatus {
  return legRank[next] > legRank[current ?? 'PLANNED'] ? next : (current ?? 'PLANNED');
}

export function laterShipmentStatus(current: ShipmentStatus, next: ShipmentStatus): ShipmentStatus {
  return shipmentRank[next] > shipmentRank[current] ? next : current;
}
