import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An operator's closure or opening of a crossing from `startsAt` until `endsAt` (none: until lifted). */
@Entity({ schema: 'shipments', name: 'crossing_overrides' })
export class CrossingOverride {
  @PrimaryColumn('uuid')
  id!: string;

  /** Crossing id from the reference data. */
  @Column({ type: 'text' })
  crossing!: string;

  @Column({ type: 'boolean' })
  open!: boolean;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt!: Date | null;

  /** The API key that set it. */
  @Column({ name: 'set_by', type: 'text' })
  setBy!: string;

  /** The person it was set for, as the caller says (the console's signed-in operator). */
  @Column({ name: 'requested_by', type: 'text', nullable: true })
  requestedBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true })
  liftedAt!: Date | null;

  @Column({ name: 'lifted_by', type: 'text', nullable: true })
  liftedBy!: string | null;

  @Column({ name: 'lift_requested_by', type: 'text', nullable: true })
  liftRequestedBy!: string | null;
}
