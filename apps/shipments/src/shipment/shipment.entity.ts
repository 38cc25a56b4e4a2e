import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Cargo, LegSummary } from '@lib/contracts';

export type ShipmentStatus = 'BOOKED' | 'IN_TRANSIT' | 'DELIVERED' | 'CANCELLED';

@Entity({ schema: 'shipments', name: 'shipments' })
export class Shipment {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'tracking_number', unique: true })
  trackingNumber!: string;

  @Column({ name: 'shipper_id' })
  shipperId!: string;

  @Column({ type: 'text', nullable: true })
  consignee!: string | null;

  @Column({ type: 'text', nullable: true })
  corridor!: string | null;

  @Column({ type: 'text' })
  status!: ShipmentStatus;

  @Column({ type: 'jsonb' })
  cargo!: Cargo;

  @Column({ type: 'jsonb' })
  legs!: LegSummary[];

  @Column({ name: 'booked_at', type: 'timestamptz' })
  bookedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
