import type { TransportMode } from '@lib/contracts';
import { findCrossing, legsFor, type CorridorData } from '@lib/reference-data';

/**
 * Where a shipment stands, as the board query reduces it (see corridor-board.service.ts):
 * - BOOKED: no leg has an actual event yet; `from`/`to` are its first leg;
 * - PLANNED / DEPARTED / ARRIVED: the status of its current leg (the last one with an actual event),
 *   `from`/`to` that leg, `next` the place the following leg starts at (null on the last leg);
 * - DELIVERED: delivered within the last 24 h; no places.
 */
export type BoardState = 'BOOKED' | 'PLANNED' | 'DEPARTED' | 'ARRIVED' | 'DELIVERED';

/** One group of the board query: how many shipments of a corridor stand the same way. */
export interface BoardRow {
  corridor: string;
  state: BoardState;
  from: string | null;
  to: string | null;
  next: string | null;
  count: number;
}

export interface BoardPlace {
  name: string;
  /** The customs point (crossing id) that clears cargo leaving this place on this corridor, in either direction. */
  crossing: string | null;
  /** Started (an actual event) but not moving: arrived here, or held here before departing (customs, loading). */
  waiting: number;
  /** Booked, no actual event yet, starting here. */
  booked: number;
}

export interface BoardSegment {
  from: string;
  to: string;
  mode: TransportMode;
  carrier: string;
  /** Departed and not arrived, travelling from → to (the corridor's forward order). */
  forward: number;
  /** Departed and not arrived, travelling to → from. */
  reverse: number;
}

export interface CorridorBoardEntry {
  id: string;
  name: string;
  places: BoardPlace[];
  segments: BoardSegment[];
  /** Delivered with the last leg's actual arrival within the clock's last 24 h. */
  delivered24h: number;
  /** Active shipments booked on this corridor with explicit legs whose current place or leg is not on its schematic. */
  elsewhere: number;
}

export interface CorridorBoard {
  at: string;
  corridors: CorridorBoardEntry[];
}

/** The crossing ids at a corridor's places: where a leg of either direction starts and is cleared. */
function crossingsByPlace(corridor: CorridorData): Map<string, string> {
  const byPlace = new Map<string, string>();
  for (const leg of [...legsFor(corridor.id, 'forward'), ...legsFor(corridor.id, 'reverse')]) {
    const crossing = leg.crossing ? findCrossing(leg.crossing) : undefined;
    if (crossing) byPlace.set(leg.from.name, crossing.id);
  }
  return byPlace;
}

/** The corridor's schematic with every count at zero: places in forward order, a segment per leg. */
function emptyEntry(corridor: CorridorData): CorridorBoardEntry {
  const crossings = crossingsByPlace(corridor);
  const names = [corridor.legs[0].from.name, ...corridor.legs.map((leg) => leg.to.name)];
  return {
    id: corridor.id,
    name: corridor.name,
    places: names.map((name) => ({ name, crossing: crossings.get(name) ?? null, waiting: 0, booked: 0 })),
    segments: corridor.legs.map((leg) => ({
      from: leg.from.name,
      to: leg.to.name,
      mode: leg.mode,
      carrier: leg.carrier,
      forward: 0,
      reverse: 0,
    })),
    delivered24h: 0,
    elsewhere: 0,
  };
}

/** Adds one row's count where it belongs; false when its place or leg is not on the schematic. */
function place(entry: CorridorBoardEntry, row: BoardRow): boolean {
  const at = (name: string | null) => entry.places.find((p) => p.name === name);
  switch (row.state) {
    case 'DELIVERED':
      entry.delivered24h += row.count;
      return true;
    case 'BOOKED': {
      const where = at(row.from);
      if (where) where.booked += row.count;
      return where !== undefined;
    }
    case 'PLANNED': {
      // An actual event (a border arrival, a load, a reading) but no departure: still where the leg starts,
      // which is where customs holds it when that leg starts at a crossing.
      const where = at(row.from);
      if (where) where.waiting += row.count;
      return where !== undefined;
    }
    case 'ARRIVED': {
      // Waiting where the next leg starts; after the last leg (not yet delivered), at the end.
      const where = at(row.next ?? row.to);
      if (where) where.waiting += row.count;
      return where !== undefined;
    }
    case 'DEPARTED': {
      const forward = entry.segments.find((s) => s.from === row.from && s.to === row.to);
      const reverse = entry.segments.find((s) => s.from === row.to && s.to === row.from);
      if (forward) forward.forward += row.count;
      else if (reverse) reverse.reverse += row.count;
      return forward !== undefined || reverse !== undefined;
    }
  }
}

/**
 * The board from the grouped rows: every given corridor in order, its counts filled in. Rows of a
 * corridor not given (a shipper's own corridor name on explicit legs) are not on the board.
 */
export function corridorBoard(corridors: CorridorData[], rows: BoardRow[], at: Date): CorridorBoard {
  const entries = corridors.map(emptyEntry);
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  for (const row of rows) {
    const entry = byId.get(row.corridor);
    if (entry && !place(entry, row)) entry.elsewhere += row.count;
  }
  return { at: at.toISOString(), corridors: entries };
}
