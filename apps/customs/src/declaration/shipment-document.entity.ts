import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A document filed for a shipment, used at every crossing whose checklist asks for its type; or, filed by a
 * customs officer, at its own crossing only (`crossing`). One current document per (shipment, type, crossing or
 * none); a replaced one stays, with `replacedAt`, so it is known which papers a crossing was cleared on.
 */
@Entity({ schema: 'customs', name: 'shipment_documents' })
export class ShipmentDocument {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'shipment_id', type: 'uuid' })
  shipmentId!: string;

  @Column({ type: 'text' })
  type!: string;

  /** Null: filed for the whole shipment (a broker, an operator); else the officer's crossing it applies at. */
  @Column({ type: 'text', nullable: true })
  crossing!: string | null;

  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'text' })
  issuer!: string;

  @Column({ name: 'valid_until', type: 'text', nullable: true })
  validUntil!: string | null;

  @Column({ name: 'attached_at', type: 'timestamptz' })
  attachedAt!: Date;

  @Column({ name: 'attached_by', type: 'text' })
  attachedBy!: string;

  @Column({ name: 'replaced_at', type: 'timestamptz', nullable: true })
  replacedAt!: Date | null;
}
