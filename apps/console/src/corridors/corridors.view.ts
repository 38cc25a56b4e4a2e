/** What the services answer (their own APIs), as the corridors page reads it. */
export interface BoardAnswer {
  at: string;
  corridors: {
    id: string;
    name: string;
    places: { name: string; crossing: string | null; waiting: number; booked: number }[];
    segments: { from: string; to: string; mode: string; carrier: string; forward: number; reverse: number }[];
    delivered24h: number;
    elsewhere: number;
  }[];
}

export interface CrossingAnswer {
  id: string;
  name: string;
  kind: string;
  place: string;
  open: boolean;
  closure: { reason: string; until: string | null; source: 'season' | 'operator' | 'configuration' } | null;
  seasonalClosure: { reason: string; until: string } | null;
  override: {
    id: string;
    open: boolean;
    reason: string;
    from: string;
    until: string | null;
    requestedBy: string | null;
    setBy: string;
  } | null;
  upcoming: { id: string; open: boolean; reason: string; from: string; until: string | null }[];
}

interface CustomsAtCrossing {
  crossing: string;
  expected: number;
  waiting: number;
  awaitingDocuments: number;
  inspection: number;
  held: number;
  readyForDecision: number;
  slaBreached: number;
  oldestWaitingSince: string | null;
}

export interface SummaryAnswer {
  at: string;
  crossings: CustomsAtCrossing[];
}

/** A stop on the schematic: a place (perhaps a crossing), or the leg between two places. */
export type Stop =
  | {
      kind: 'place';
      name: string;
      booked: number;
      waiting: number;
      crossing?: CrossingAnswer;
      customs?: CustomsAtCrossing;
    }
  | { kind: 'leg'; from: string; to: string; mode: string; carrier: string; forward: number; reverse: number };

export interface CorridorView {
  id: string;
  name: string;
  stops: Stop[];
  totals: {
    booked: number;
    moving: number;
    waiting: number;
    slaBreached: number;
    delivered24h: number;
    elsewhere: number;
  };
  /** Crossings on the corridor closed now. */
  closed: string[];
}

export interface CorridorsView {
  /** The shipments service's clock when the board was read. */
  at: string | null;
  corridors: CorridorView[];
  crossings: CrossingAnswer[];
  customs: CustomsAtCrossing[];
  /** What could not be read, in words (a service down, no operator key). */
  problems: string[];
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * The corridors page's model: each corridor's places and legs in forward order with the cargo on
 * them (the shipments board), each crossing's state (open, closed, why, by whom) and what waits there
 * for customs (the customs summary, keyed by the crossing's name as declarations keep it).
 */
export function corridorsView(
  board: BoardAnswer | undefined,
  crossings: CrossingAnswer[] | undefined,
  summary: SummaryAnswer | undefined,
  problems: string[],
): CorridorsView {
  const crossingById = new Map((crossings ?? []).map((c) => [c.id, c]));
  const customsByName = new Map((summary?.crossings ?? []).map((c) => [c.crossing, c]));
  const corridors = (board?.corridors ?? []).map((corridor): CorridorView => {
    const stops: Stop[] = [];
    corridor.places.forEach((place, index) => {
      const crossing = place.crossing ? crossingById.get(place.crossing) : undefined;
      const customs = crossing ? customsByName.get(crossing.name) : undefined;
      stops.push({
        kind: 'place',
        name: place.name,
        booked: place.booked,
        waiting: place.waiting,
        ...(crossing ? { crossing } : {}),
        ...(customs ? { customs } : {}),
      });
      const leg = corridor.segments[index];
      if (leg) stops.push({ kind: 'leg', ...leg });
    });
    const places = stops.filter((s): s is Extract<Stop, { kind: 'place' }> => s.kind === 'place');
    return {
      id: corridor.id,
      name: corridor.name,
      stops,
      totals: {
        booked: sum(corridor.places.map((p) => p.booked)),
        moving: sum(corridor.segments.map((s) => s.forward + s.reverse)),
        waiting: sum(corridor.places.map((p) => p.waiting)),
        slaBreached: sum(places.map((p) => p.customs?.slaBreached ?? 0)),
        delivered24h: corridor.delivered24h,
        elsewhere: corridor.elsewhere,
      },
      closed: places.filter((p) => p.crossing && !p.crossing.open).map((p) => p.crossing!.name),
    };
  });
  return { at: board?.at ?? null, corridors, crossings: crossings ?? [], customs: summary?.crossings ?? [], problems };
}
