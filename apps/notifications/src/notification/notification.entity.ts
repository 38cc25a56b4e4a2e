import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Placeholder until the notifications issue: one feed notification per event for the shipper. */
@Entity({ schema: 'notifications', name: 'notifications' })
export class Notification {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'shipper_id' })
  shipperId!: string;

  @Column({ name: 'shipment_id', type: 'uuid' })
  shipmentId!: string;

  @Column({ name: 'source_event_id', type: 'uuid' })
  sourceEventId!: string;

  @Column({ name: 'event_type' })
  eventType!: string;

  @Column({ type: 'text' })
  channel!: 'feed';

  @Column({ type: 'text' })
  message!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
