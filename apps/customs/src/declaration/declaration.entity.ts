import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Cargo } from '@lib/contracts';
import type { DeclarationStatus } from './declaration-workflow';
import type { DocumentRequirement } from './document-rules';

export interface AttachedDocument {
  type: string;
  reference: string;
  issuer: string;
  validUntil?: string;
  attachedAt: string;
  attachedBy: string;
}

/** One declaration per crossing (border, port or airport) on a shipment's route. */
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

  @Column({ name: 'leg_sequence', type: 'int', nullable: true })
  legSequence!: number | null;

  @Column({ type: 'text' })
  status!: DeclarationStatus;

  @Column({ name: 'required_documents', type: 'text', array: true })
  requiredDocuments!: string[];

  /** Each required document with why and, for the Goods Declaration, its procedure (null on declarations opened
   * before the rules knew mode and direction). */
  @Column({ name: 'document_requirements', type: 'jsonb', nullable: true })
  requirements!: DocumentRequirement[] | null;

  /**
   * The shipment's current documents of the types this crossing requires: a copy of `shipment_documents`, written
   * only in the transaction that changes those (see `ShipmentDocuments`), so the checklist, the arrival check, the
   * reminder and the per-crossing summary read one row.
   */
  @Column({ type: 'jsonb' })
  documents!: AttachedDocument[];

  @Column({ type: 'jsonb', nullable: true })
  cargo!: Cargo | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** When the cargo is expected at the crossing (from the booking's plan), if known. */
  @Column({ name: 'expected_at', type: 'timestamptz', nullable: true })
  expectedAt!: Date | null;

  /** When the carrier reported the cargo at the crossing (its `occurredAt`): the clearance clock starts here. */
  @Column({ name: 'arrived_at', type: 'timestamptz', nullable: true })
  arrivedAt!: Date | null;

  /** Set on arrival: when the clearance SLA runs out (by crossing and perishability). */
  @Column({ name: 'clearance_due_at', type: 'timestamptz', nullable: true })
  clearanceDueAt!: Date | null;

  /** The `ce_id` of the booking that opened it. */
  @Column({ name: 'source_event_id', type: 'uuid' })
  sourceEventId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
