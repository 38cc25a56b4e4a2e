import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Cargo, Place } from '@lib/contracts';
import type { LegState, ShipmentStatus } from './tracking-state';

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
  legs!: LegState[];

  @Column({ type: 'jsonb', nullable: true })
  position!: { place: Place; at: string } | null;

  @Column({ name: 'in_excursion', type: 'boolean', default: false })
  inExcursion!: boolean;

  @Column({ name: 'booked_at', type: 'timestamptz' })
  bookedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
