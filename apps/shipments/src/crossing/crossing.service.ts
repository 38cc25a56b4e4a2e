import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@lib/clock';
import { inTransaction } from '@lib/database';
import type { Principal } from '@lib/identity';
import { Outbox } from '@lib/messaging';
import { findCrossing, type ClosureOverride, type CrossingData } from '@lib/reference-data';
import { PLANNING_WINDOW } from '../shipment/route-planner';
import { CrossingOverride } from './crossing-override.entity';
import {
  OverrideEnded,
  OverrideLifted,
  OverrideOverlaps,
  OverridePeriodInvalid,
  UnknownCrossing,
  UnknownOverride,
} from './crossing.errors';
import { CrossingOverrideStore } from './crossing-overrides.store';
import {
  allCrossingStates,
  crossingState,
  overrideView,
  type CrossingState,
  type OverrideView,
} from './crossing-state';
import type { LiftOverride, SetOverride } from './dto/crossing-override.dto';

/** Closures and openings from configuration (`CROSSING_OVERRIDES`), beneath the operators'. */
export const CONFIGURED_OVERRIDES = Symbol('CONFIGURED_OVERRIDES');

const HISTORY = 50;

/**
 * The crossings' state at run time: operators close and open crossings over the seasonal calendar;
 * each change is stored and published (`crossing.closed`, `crossing.opened`,
 * `crossing.override.lifted`) in one transaction, and booking reads it on the next booking.
 */
@Injectable()
export class CrossingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CrossingOverrideStore,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIGURED_OVERRIDES) private readonly configured: ClosureOverride[],
  ) {}

  /** Operators' overrides first, so they win over configuration's; both over the season. */
  async overridesForBooking(now: Date): Promise<ClosureOverride[]> {
    return [...(await this.store.forBooking(now)), ...this.configured];
  }

  async list(): Promise<CrossingState[]> {
    const now = this.clock.now();
    return allCrossingStates(now, await this.store.inForceOrUpcoming(now), this.configured);
  }

  async get(idOrName: string): Promise<CrossingState & { history: OverrideView[] }> {
    const crossing = this.crossing(idOrName);
    const now = this.clock.now();
    const [inForce, history] = await Promise.all([
      this.store.inForceOrUpcoming(now),
      this.store.history(crossing.id, HISTORY),
    ]);
    return { ...crossingState(crossing, now, inForce, this.configured), history: history.map(overrideView) };
  }

  /** Closes or opens a crossing; 409 OVERRIDE_OVERLAPS when another override of it covers part of the period. */
  async set(
    principal: Principal,
    idOrName: string,
    input: SetOverride,
  ): Promise<{ override: OverrideView; crossing: CrossingState }> {
    const crossing = this.crossing(idOrName);
    const now = this.clock.now();
    const from = input.from ? new Date(input.from) : now;
    const until = input.until ? new Date(input.until) : null;
    this.checkPeriod(now, from, until);
    const override = await inTransaction(this.dataSource, async (manager) => {
      await this.store.lockCrossing(manager, crossing.id);
      const clash = await this.store.overlapping(manager, crossing.id, from, until);
      if (clash) throw new OverrideOverlaps(crossing.name, clash);
      const row = manager.create(CrossingOverride, {
        id: randomUUID(),
        crossing: crossing.id,
        open: input.open,
        reason: input.reason,
        startsAt: from,
        endsAt: until,
        setBy: principal.keyId,
        requestedBy: input.requestedBy ?? null,
        createdAt: now,
        liftedAt: null,
        liftedBy: null,
        liftRequestedBy: null,
      });
      await manager.insert(CrossingOverride, row);
      await this.outbox.append(manager, {
        type: input.open ? 'crossing.opened' : 'crossing.closed',
        subject: crossing.id,
        data: {
          overrideId: row.id,
          crossing: crossing.id,
          crossingName: crossing.name,
          reason: row.reason,
          from: from.toISOString(),
          ...(until ? { until: until.toISOString() } : {}),
          setBy: row.setBy,
          ...(row.requestedBy ? { requestedBy: row.requestedBy } : {}),
        },
      });
      return row;
    });
    return { override: overrideView(override), crossing: await this.state(crossing) };
  }

  /** Lifts an override before its end; 409 when it is already lifted or has ended. */
  async lift(
    principal: Principal,
    idOrName: string,
    overrideId: string,
    input: LiftOverride,
  ): Promise<{ override: OverrideView; crossing: CrossingState }> {
    const crossing = this.crossing(idOrName);
    const now = this.clock.now();
    const lifted = await inTransaction(this.dataSource, async (manager) => {
      await this.store.lockCrossing(manager, crossing.id);
      const row = await this.store.find(manager, crossing.id, overrideId);
      if (!row) throw new UnknownOverride(crossing.name, overrideId);
      if (row.liftedAt) throw new OverrideLifted(row.liftedAt, row.liftedBy);
      if (row.endsAt && row.endsAt <= now) throw new OverrideEnded(row.endsAt);
      row.liftedAt = now;
      row.liftedBy = principal.keyId;
      row.liftRequestedBy = input.requestedBy ?? null;
      await manager.update(
        CrossingOverride,
        { id: row.id },
        { liftedAt: now, liftedBy: row.liftedBy, liftRequestedBy: row.liftRequestedBy },
      );
      const after = crossingState(crossing, now, await this.store.inForceOrUpcoming(now, manager), this.configured);
      await this.outbox.append(manager, {
        type: 'crossing.override.lifted',
        subject: crossing.id,
        data: {
          overrideId: row.id,
          crossing: crossing.id,
          crossingName: crossing.name,
          wasOpen: row.open,
          liftedBy: row.liftedBy,
          ...(row.liftRequestedBy ? { requestedBy: row.liftRequestedBy } : {}),
          openNow: after.open,
        },
      });
      return row;
    });
    return { override: overrideView(lifted), crossing: await this.state(crossing) };
  }

  private async state(crossing: CrossingData): Promise<CrossingState> {
    const now = this.clock.now();
    return crossingState(crossing, now, await this.store.inForceOrUpcoming(now), this.configured);
  }

  private crossing(idOrName: string): CrossingData {
    const crossing = findCrossing(idOrName);
    if (!crossing) throw new UnknownCrossing(idOrName);
    return crossing;
  }

  /** The period must end after now (an override wholly in the past changes nothing) and lie in the planning window. */
  private checkPeriod(now: Date, from: Date, until: Date | null): void {
    const earliest = now.getTime() - PLANNING_WINDOW.pastMs;
    const latest = now.getTime() + PLANNING_WINDOW.futureMs;
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const window = `between ${day(earliest)} and ${day(latest)} (a year back, two years ahead)`;
    if (from.getTime() < earliest || from.getTime() > latest)
      throw new OverridePeriodInvalid('from', `must fall ${window}`);
    if (until && until <= now) {
      throw new OverridePeriodInvalid(
        'until',
        `must be after now (${now.toISOString()}): an override wholly in the past changes nothing`,
      );
    }
    if (until && until.getTime() > latest) throw new OverridePeriodInvalid('until', `must fall ${window}`);
  }
}
