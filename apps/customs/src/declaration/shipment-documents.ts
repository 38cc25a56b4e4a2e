import { IsNull, type EntityManager } from 'typeorm';
import type { AttachedDocument } from './declaration.entity';
import { ShipmentDocument } from './shipment-document.entity';

/** A document as a declaration and the API show it. */
export function asAttached(row: ShipmentDocument): AttachedDocument {
  return {
    type: row.type,
    reference: row.reference,
    issuer: row.issuer,
    ...(row.validUntil ? { validUntil: row.validUntil } : {}),
    attachedAt: row.attachedAt.toISOString(),
    attachedBy: row.attachedBy,
  };
}

/** The shipment's current documents (one per type), by type. */
export async function currentDocuments(manager: EntityManager, shipmentId: string): Promise<AttachedDocument[]> {
  const rows = await manager.find(ShipmentDocument, {
    where: { shipmentId, replacedAt: IsNull() },
    order: { type: 'ASC' },
  });
  return rows.map(asAttached);
}

/**
 * Files `document` as the shipment's current one of its type; the one it replaces keeps its row with
 * `replacedAt`. The caller holds the locks on the shipment's declarations, so two filings of the same
 * shipment do not interleave.
 */
export async function fileDocument(manager: EntityManager, shipmentId: string, document: AttachedDocument) {
  await manager.update(
    ShipmentDocument,
    { shipmentId, type: document.type, replacedAt: IsNull() },
    { replacedAt: new Date(document.attachedAt) },
  );
  await manager.insert(ShipmentDocument, {
    shipmentId,
    type: document.type,
    reference: document.reference,
    issuer: document.issuer,
    validUntil: document.validUntil ?? null,
    attachedAt: new Date(document.attachedAt),
    attachedBy: document.attachedBy,
    replacedAt: null,
  });
}

/** Of the shipment's documents, those a crossing's checklist asks for. */
export function documentsFor(required: string[], documents: AttachedDocument[]): AttachedDocument[] {
  return documents.filter((d) => required.includes(d.type));
}
