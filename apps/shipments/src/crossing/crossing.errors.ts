import { Conflict, InvalidInput, NotFound } from '@lib/errors';

/** No crossing by that id or name in the reference data. */
export class UnknownCrossing extends NotFound {
  constructor(idOrName: string) {
    super(`crossing ${idOrName} not found`);
  }
}

export class UnknownOverride extends NotFound {
  constructor(crossingName: string, overrideId: string) {
    super(`override ${overrideId} of ${crossingName} not found`);
  }
}

/** Another override of the crossing covers part of the period asked for. */
export class OverrideOverlaps extends Conflict {
  constructor(
    crossingName: string,
    clash: { id: string; open: boolean; reason: string; startsAt: Date; endsAt: Date | null },
  ) {
    const period = `${clash.startsAt.toISOString()} – ${clash.endsAt?.toISOString() ?? 'until lifted'}`;
    const clashing = `${clash.open ? 'open' : 'closed'}: ${clash.reason}, id ${clash.id}`;
    super('OVERRIDE_OVERLAPS', `${crossingName} already has an override for ${period} (${clashing}); lift it first`, {
      overrideId: clash.id,
    });
  }
}

export class OverrideLifted extends Conflict {
  constructor(liftedAt: Date, liftedBy: string | null) {
    super('OVERRIDE_LIFTED', `the override was lifted at ${liftedAt.toISOString()} by ${liftedBy}`);
  }
}

export class OverrideEnded extends Conflict {
  constructor(endedAt: Date) {
    super('OVERRIDE_ENDED', `the override ended at ${endedAt.toISOString()}`);
  }
}

/** The period of an override is outside what it may cover. */
export class OverridePeriodInvalid extends InvalidInput {
  constructor(field: 'from' | 'until', reason: string) {
    super([{ field, reason }]);
  }
}
