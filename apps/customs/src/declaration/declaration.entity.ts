import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Placeholder until the customs issue: one pending declaration per booked shipment. */
@Entity({ schema: 'customs', name: 'declarations' })
export class Declaration {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'shipment_id', type: 'uuid' })
  shipmentId!: string;

  @Column({ name: 'shipper_id' })
  shipperId!: string;

  @Column({ type: 'text', nullable: true })
  crossing!: string | null;

  @Column({ type: 'text' })
  status!: 'PENDING';

  /** The `ce_id` that opened it: tests count effects per event with it. */
  @Column({ name: 'source_event_id', type: 'uuid' })
  sourceEventId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
