import type { LegSummary } from '@lib/contracts';
import type { FieldError } from '@lib/http';
import { closureAt, closureOnRoute, findCorridor, legsFor, openAlternatives, type ClosureOverride } from '@lib/reference-data';
import type { BookShipment } from './dto/book-shipment.dto';

export type RoutePlan = { legs: LegSummary[] } | { errors: FieldError[]; alternatives?: string[] };

/**
 * The legs of a booking: the corridor's from the reference data (planned from `departureAt`, or
 * now), or the shipper's own. A leg that would start at a crossing closed at its planned departure
 * (the Khunjerab Pass in winter) is refused with the reason and the corridors open instead.
 */
export function planRoute(input: BookShipment, now: Date, overrides: ClosureOverride[]): RoutePlan {
  const departure = input.departureAt ? new Date(input.departureAt) : now;
  if (!input.legs) {
    const corridor = findCorridor(input.corridor!);
    if (!corridor) return { errors: [{ field: 'corridor', reason: `unknown corridor "${input.corridor}"` }] };
    const closure = closureOnRoute(corridor.id, input.direction, departure, overrides);
    if (closure) {
      const alternatives = openAlternatives(corridor.id, departure, overrides);
      return {
        errors: [
          {
            field: 'corridor',
            reason: `${closure.reason}: ${closure.crossing} is closed until ${closure.reopensAt.toISOString().slice(0, 10)}; open instead: ${alternatives.join(', ') || 'none'}`,
          },
        ],
        alternatives,
      };
    }
    return { legs: legsFor(corridor.id, input.direction, departure).map(({ hours: _hours, ...leg }) => leg) };
  }
  const legs = input.legs.map((leg, index) => ({ sequence: index + 1, ...leg }));
  for (const leg of legs) {
    if (!leg.crossing) continue;
    const closure = closureAt(leg.crossing, leg.plannedDeparture ? new Date(leg.plannedDeparture) : departure, overrides);
    if (closure) {
      return { errors: [{ field: `legs[${leg.sequence - 1}].crossing`, reason: `${closure.reason}: closed until ${closure.reopensAt.toISOString().slice(0, 10)}` }] };
    }
  }
  return { legs };
}
