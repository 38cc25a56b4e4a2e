import type { LegSummary } from '@lib/contracts';
import type { FieldError } from '@lib/errors';
import {
  closedUntil,
  closedWhat,
  closureAt,
  closureOnRoute,
  findCorridor,
  legsFor,
  openAlternatives,
  type ClosureOverride,
} from '@lib/reference-data';
import type { BookShipment } from './dto/book-shipment.dto';

export type RoutePlan = { legs: LegSummary[] } | { errors: FieldError[]; alternatives?: string[] };

const DAY_MS = 24 * 3600_000;

/**
 * How far from now a booking's planned times may lie: up to a year back (recording cargo that has
 * already left) and two years ahead (a contract booked early). Beyond that it is a typo or a probe —
 * and year 9999 plus a corridor's hours no longer fits the database or `Date`.
 */
export const PLANNING_WINDOW = { pastMs: 365 * DAY_MS, futureMs: 2 * 365 * DAY_MS };

/** Why a planned time is outside the window, or undefined. */
function outsideWindow(iso: string, now: Date): string | undefined {
  const at = Date.parse(iso);
  const earliest = now.getTime() - PLANNING_WINDOW.pastMs;
  const latest = now.getTime() + PLANNING_WINDOW.futureMs;
  if (at >= earliest && at <= latest) return undefined;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return `planned times must fall between ${day(earliest)} and ${day(latest)} (a year back, two years ahead)`;
}

/**
 * The legs of a booking: the corridor's from the reference data (planned from `departureAt`, or
 * now), or the shipper's own. Every planned time, given or computed, must fall within the planning
 * window. A leg that would start at a crossing closed at its planned departure (the Khunjerab Pass in
 * winter), or run on a service suspended then (SCAT's winter flights), is refused with the reason and
 * the corridors open instead.
 */
export function planRoute(input: BookShipment, now: Date, overrides: ClosureOverride[]): RoutePlan {
  if (input.departureAt) {
    const reason = outsideWindow(input.departureAt, now);
    if (reason) return { errors: [{ field: 'departureAt', reason }] };
  }
  const departure = input.departureAt ? new Date(input.departureAt) : now;
  if (!input.legs) {
    const corridor = findCorridor(input.corridor!);
    if (!corridor) return { errors: [{ field: 'corridor', reason: `unknown corridor "${input.corridor}"` }] };
    // The corridor's hours push the last arrival past `departureAt`: that too must stay in the window.
    const planned = legsFor(corridor.id, input.direction, departure);
    const arrival = planned[planned.length - 1]?.plannedArrival;
    const late = arrival ? outsideWindow(arrival, now) : undefined;
    if (late)
      return {
        errors: [{ field: 'departureAt', reason: `the corridor would arrive on ${arrival!.slice(0, 10)}; ${late}` }],
      };
    const closure = closureOnRoute(corridor.id, input.direction, departure, overrides);
    if (closure) {
      const alternatives = openAlternatives(corridor.id, departure, overrides);
      return {
        errors: [
          {
            field: 'corridor',
            reason:
              `${closure.reason}: ${closedWhat(closure)} ${closedUntil(closure)}; ` +
              `open instead: ${alternatives.join(', ') || 'none'}`,
          },
        ],
        alternatives,
      };
    }
    // A booking keeps the leg as the contracts have it, with the TIR flag customs reads; the priors and via
    // stops stay reference data.
    return {
      legs: planned.map(
        ({ sequence, mode, carrier, from, to, crossing, tir, plannedDeparture, plannedArrival }): LegSummary => ({
          sequence,
          mode,
          carrier,
          from,
          to,
          ...(crossing ? { crossing } : {}),
          tir,
          plannedDeparture,
          plannedArrival,
        }),
      ),
    };
  }
  const legs = input.legs.map((leg, index) => ({ sequence: index + 1, ...leg }));
  const errors = legs.flatMap((leg, index) =>
    (['plannedDeparture', 'plannedArrival'] as const).flatMap((field) => {
      const reason = leg[field] ? outsideWindow(leg[field], now) : undefined;
      return reason ? [{ field: `legs[${index}].${field}`, reason }] : [];
    }),
  );
  if (errors.length) return { errors };
  for (const leg of legs) {
    if (!leg.crossing) continue;
    const closure = closureAt(
      leg.crossing,
      leg.plannedDeparture ? new Date(leg.plannedDeparture) : departure,
      overrides,
    );
    if (closure) {
      return {
        errors: [
          { field: `legs[${leg.sequence - 1}].crossing`, reason: `${closure.reason}: closed ${closedUntil(closure)}` },
        ],
      };
    }
  }
  return { legs };
}
