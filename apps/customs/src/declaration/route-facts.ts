import type { LegSummary, TransportMode } from '@lib/contracts';
import { countryOf, findCrossing } from '@lib/reference-data';

/**
 * A booked leg as customs reads it. `tir` is the corridor data's flag for a leg that runs under a TIR
 * operation (reference data's planned legs, passed on in `shipment.booked`); `tirReference` a carnet
 * or eTIR guarantee the shipper gave. Without any `tir` flag on the route, customs falls back to
 * "a road leg in a run of road legs that crosses a land border".
 */
export type BookedLeg = LegSummary & { tir?: boolean };

/** Pakistan's Goods Declaration by the movement: goods leaving, entering, or passing through Pakistan. */
export type PakistanProcedure = 'export' | 'import' | 'transit';

/** Where a TIR operation stands at a crossing (DOMAIN.md: starts at departure customs, terminates at destination). */
export type TirStage = 'start' | 'border' | 'termination';

/** What the document rules need to know about one customs point on the route. */
export interface CrossingFacts {
  crossing: string;
  /** Modes of the legs meeting there: the one the cargo arrives by (if any) and the one it leaves by (if any). */
  modes: TransportMode[];
  /** Undefined when neither leg at the crossing runs under TIR. */
  tir?: TirStage;
  /** Countries whose customs sit there: both sides of a land border; the port's or airport's own country. */
  countries: string[];
  /** `export`: the last crossing touching the origin country; `import`: the first touching the destination. */
  roles: ('export' | 'import')[];
  origin?: string;
  destination?: string;
  /** Pakistan's procedure when its customs sit here and the route enters or leaves Pakistan. */
  pakistan?: PakistanProcedure;
}

const PAKISTAN = 'PK';

/** Does this leg run under TIR? By the flags when the route has any, else by the fallback (see `BookedLeg`). */
function tirLegs(legs: BookedLeg[]): boolean[] {
  const flagged = legs.some((leg) => typeof leg.tir === 'boolean');
  const explicit = legs.map((leg) => leg.mode === 'ROAD' && (leg.tir === true || Boolean(leg.tirReference)));
  if (flagged) return explicit;
  // Fallback: every leg of a run of consecutive road legs in which some leg changes country.
  const result = [...explicit];
  let start = 0;
  while (start < legs.length) {
    if (legs[start].mode !== 'ROAD') {
      start += 1;
      continue;
    }
    let end = start;
    while (end + 1 < legs.length && legs[end + 1].mode === 'ROAD') end += 1;
    const run = legs.slice(start, end + 1);
    if (run.some((leg) => countryOf(leg.from) !== countryOf(leg.to)))
      for (let i = start; i <= end; i++) result[i] = true;
    start = end + 1;
  }
  return result;
}

/** The countries whose customs sit at a crossing (one the reference data does not know: where the leg starts). */
function crossingCountries(crossing: string, site: LegSummary['from']): string[] {
  const known = findCrossing(crossing);
  if (known?.kind === 'border') return [...known.countries];
  const country = countryOf(site);
  return country ? [country] : [];
}

function pakistanProcedure(origin?: string, destination?: string, touched = false): PakistanProcedure | undefined {
  if (origin === PAKISTAN && destination !== PAKISTAN) return 'export';
  if (destination === PAKISTAN && origin !== PAKISTAN) return 'import';
  if (origin !== PAKISTAN && destination !== PAKISTAN && touched) return 'transit';
  return undefined;
}

/**
 * The customs points on a booked route, in route order, each with what the rules ask about it. A
 * declaration is at the crossing a leg starts at: the cargo arrives there by the leg before and
 * leaves by that leg.
 */
export function routeCrossings(legs: BookedLeg[]): (CrossingFacts & { legSequence: number })[] {
  const ordered = [...legs].sort((a, b) => a.sequence - b.sequence);
  if (!ordered.length) return [];
  const origin = countryOf(ordered[0].from);
  const destination = countryOf(ordered[ordered.length - 1].to);
  const tir = tirLegs(ordered);
  const points = ordered.flatMap((leg, index) => {
    if (!leg.crossing) return [];
    const arriving = index > 0 ? index - 1 : undefined;
    const arrivesTir = arriving !== undefined && tir[arriving];
    const leavesTir = tir[index];
    const stage: TirStage | undefined =
      arrivesTir && leavesTir ? 'border' : leavesTir ? 'start' : arrivesTir ? 'termination' : undefined;
    const modes = [...new Set([...(arriving !== undefined ? [ordered[arriving].mode] : []), leg.mode])];
    return [
      {
        legSequence: leg.sequence,
        crossing: leg.crossing,
        modes,
        ...(stage ? { tir: stage } : {}),
        countries: crossingCountries(leg.crossing, leg.from),
        roles: [] as ('export' | 'import')[],
        origin,
        destination,
      },
    ];
  });
  // Leaving the origin: the last customs point of the origin country; entering the destination: the first of its.
  if (origin && origin !== destination) {
    const exit = points.findLastIndex((p) => p.countries.includes(origin));
    if (exit >= 0) points[exit].roles.push('export');
  }
  if (destination && destination !== origin) {
    const entry = points.findIndex((p) => p.countries.includes(destination));
    if (entry >= 0) points[entry].roles.push('import');
  }
  const touchesPakistan = points.some((p) => p.countries.includes(PAKISTAN));
  const procedure = pakistanProcedure(origin, destination, touchesPakistan);
  return points.map((p) => (procedure && p.countries.includes(PAKISTAN) ? { ...p, pakistan: procedure } : p));
}
