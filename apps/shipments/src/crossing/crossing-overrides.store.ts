import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import type { ClosureOverride } from '@lib/reference-data';
import { CrossingOverride } from './crossing-override.entity';
import { asClosureOverride } from './crossing-state';

/** Reads and writes operators' crossing overrides. */
@Injectable()
export class CrossingOverrideStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Overrides not lifted that have not ended by `now` (in force or still to come). */
  inForceOrUpcoming(now: Date, manager: EntityManager = this.dataSource.manager): Promise<CrossingOverride[]> {
    return manager
      .getRepository(CrossingOverride)
      .createQueryBuilder('o')
      .where('o.lifted_at IS NULL')
      .andWhere(new Brackets((qb) => qb.where('o.ends_at IS NULL').orWhere('o.ends_at > :now', { now })))
      .orderBy('o.starts_at')
      .getMany();
  }

  /** What booking reads: the operators' overrides in the calendar's terms. */
  async forBooking(now: Date): Promise<ClosureOverride[]> {
    return (await this.inForceOrUpcoming(now)).map(asClosureOverride);
  }

  /** A crossing's overrides, newest first, lifted and ended ones included (its history). */
  history(crossing: string, limit: number): Promise<CrossingOverride[]> {
    return this.dataSource
      .getRepository(CrossingOverride)
      .find({ where: { crossing }, order: { createdAt: 'DESC' }, take: limit });
  }

  /**
   * Serialises changes to one crossing's overrides until the transaction ends (the overlap check reads, then
   * writes).
   */
  async lockCrossing(manager: EntityManager, crossing: string): Promise<void> {
    await manager.query("SELECT pg_advisory_xact_lock(hashtext('shipments.crossing_overrides'), hashtext($1))", [
      crossing,
    ]);
  }

  /** The first override of `crossing` not lifted whose period meets [from, until). */
  overlapping(
    manager: EntityManager,
    crossing: string,
    from: Date,
    until: Date | null,
  ): Promise<CrossingOverride | null> {
    const qb = manager
      .getRepository(CrossingOverride)
      .createQueryBuilder('o')
      .where('o.crossing = :crossing AND o.lifted_at IS NULL', { crossing })
      .andWhere(new Brackets((q) => q.where('o.ends_at IS NULL').orWhere('o.ends_at > :from', { from })));
    if (until) qb.andWhere('o.starts_at < :until', { until });
    return qb.orderBy('o.starts_at').getOne();
  }

  find(manager: EntityManager, crossing: string, id: string): Promise<CrossingOverride | null> {
    return manager
      .getRepository(CrossingOverride)
      .findOne({ where: { id, crossing }, lock: { mode: 'pessimistic_write' } });
  }
}
