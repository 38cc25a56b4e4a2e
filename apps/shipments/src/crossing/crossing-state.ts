import {
  closureAt,
  crossings,
  overrideAt,
  seasonalClosureAt,
  seasonalClosures,
  type ClosureOverride,
  type CrossingData,
} from '@lib/reference-data';
import type { CrossingOverride } from './crossing-override.entity';

export interface OverrideView {
  id: string;
  open: boolean;
  reason: string;
  from: string;
  until: string | null;
  setBy: string;
  requestedBy: string | null;
  setAt: string;
  liftedAt: string | null;
  liftedBy: string | null;
}

export interface CrossingState {
  id: string;
  name: string;
  kind: CrossingData['kind'];
  place: string;
  countries: [string, string];
  /** Whether booking lets cargo through here now. */
  open: boolean;
  /** Why it is closed now, until when (null: until an operator lifts it) and who decided. */
  closure: { reason: string; until: string | null; source: 'season' | 'operator' | 'configuration' } | null;
  /** The seasonal closure the calendar has now, also when an opening overrides it. */
  seasonalClosure: { reason: string; until: string } | null;
  /** The operator's override in force now, if any. */
  override: OverrideView | null;
  /** Operators' overrides that start later, soonest first. */
  upcoming: OverrideView[];
  /** The calendar's rules for this crossing (`MM-DD`, end exclusive). */
  season: { from: string; until: string; reason: string }[];
}

export function overrideView(o: CrossingOverride): OverrideView {
  return {
    id: o.id,
    open: o.open,
    reason: o.reason,
    from: o.startsAt.toISOString(),
    until: o.endsAt?.toISOString() ?? null,
    setBy: o.setBy,
    requestedBy: o.requestedBy,
    setAt: o.createdAt.toISOString(),
    liftedAt: o.liftedAt?.toISOString() ?? null,
    liftedBy: o.liftedBy,
  };
}

/** An operator's override in the calendar's terms. */
export function asClosureOverride(o: CrossingOverride): ClosureOverride & { id: string } {
  return {
    id: o.id,
    crossing: o.crossing,
    from: o.startsAt.toISOString(),
    ...(o.endsAt ? { until: o.endsAt.toISOString() } : {}),
    open: o.open,
    reason: o.reason,
  };
}

/**
 * A crossing's state at `now` as booking sees it: an operator's override in force decides, then one
 * from configuration (`CROSSING_OVERRIDES`), then the seasonal calendar.
 */
export function crossingState(
  crossing: CrossingData,
  now: Date,
  operators: CrossingOverride[],
  configured: ClosureOverride[],
): CrossingState {
  const mine = operators.filter((o) => o.crossing === crossing.id && !o.liftedAt);
  const byOperator = overrideAt(crossing.id, now, mine.map(asClosureOverride));
  const inForce = byOperator ?? overrideAt(crossing.id, now, configured);
  const closure = closureAt(crossing.id, now, inForce ? [inForce] : []);
  const seasonal = seasonalClosureAt(crossing.id, now);
  return {
    id: crossing.id,
    name: crossing.name,
    kind: crossing.kind,
    place: crossing.place,
    countries: crossing.countries,
    open: !closure,
    closure: closure
      ? {
          reason: closure.reason,
          until: closure.reopensAt?.toISOString() ?? null,
          source: byOperator ? 'operator' : inForce ? 'configuration' : 'season',
        }
      : null,
    seasonalClosure: seasonal ? { reason: seasonal.reason, until: seasonal.reopensAt!.toISOString() } : null,
    override: byOperator ? overrideView(mine.find((o) => o.id === byOperator.id)!) : null,
    upcoming: mine
      .filter((o) => o.startsAt > now)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map(overrideView),
    season: seasonalClosures
      .filter((rule) => rule.crossing === crossing.id)
      .map(({ from, until, reason }) => ({ from, until, reason })),
  };
}

/** Every crossing of the reference data, in its order. */
export function allCrossingStates(
  now: Date,
  operators: CrossingOverride[],
  configured: ClosureOverride[],
): CrossingState[] {
  return crossings.map((crossing) => crossingState(crossing, now, operators, configured));
}
