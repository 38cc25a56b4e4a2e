import { IsNull, type EntityManager } from 'typeorm';
import type { AttachedDocument } from './declaration.entity';
import { ShipmentDocument } from './shipment-document.entity';

/**
 * A current filing: a document filed for the whole shipment (`crossing` null: by a broker or an operator), or by an
 * officer for its own crossing only.
 */
export type Filing = AttachedDocument & { crossing: string | null };

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

/** The shipment's current filings: per type, the shipment-wide one and each crossing's own, by type. */
export async function currentFilings(manager: EntityManager, shipmentId: string): Promise<Filing[]> {
  const rows = await manager.find(ShipmentDocument, {
    where: { shipmentId, replacedAt: IsNull() },
    order: { type: 'ASC', id: 'ASC' },
  });
  return rows.map((row) => ({ ...asAttached(row), crossing: row.crossing }));
}

/** The shipment-wide current documents (one per type), by type. */
export function shipmentWide(filings: Filing[]): AttachedDocument[] {
  return filings.filter((f) => f.crossing === null).map(withoutCrossing);
}

/**
 * The documents that count at `crossing`: per type, the newer of the shipment-wide filing and the one an officer
 * filed for that crossing (a broker's later filing supersedes the officer's, and the other way round).
 */
export function documentsAt(filings: Filing[], crossing: string | null): AttachedDocument[] {
  const byType = new Map<string, Filing>();
  for (const filing of filings) {
    if (filing.crossing !== null && filing.crossing !== crossing) continue;
    const held = byType.get(filing.type);
    if (!held || Date.parse(filing.attachedAt) > Date.parse(held.attachedAt)) byType.set(filing.type, filing);
  }
  return [...byType.values()].sort((a, b) => a.type.localeCompare(b.type)).map(withoutCrossing);
}

function withoutCrossing({ crossing: _crossing, ...document }: Filing): AttachedDocument {
  return document;
}

/**
 * Files `document` as the current one of its type, for the shipment (`crossing` null) or for one crossing; the one
 * it replaces keeps its row with `replacedAt`. The caller holds the locks on the shipment's declarations, so two
 * filings of the same shipment do not interleave.
 */
export async function fileDocument(
  manager: EntityManager,
  shipmentId: string,
  document: AttachedDocument,
  crossing: string | null,
) {
  await manager.update(
    ShipmentDocument,
    { shipmentId, type: document.type, crossing: crossing ?? IsNull(), replacedAt: IsNull() },
    { replacedAt: new Date(document.attachedAt) },
  );
  await manager.insert(ShipmentDocument, {
    shipmentId,
    type: document.type,
    crossing,
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

/**
 * What changed between a declaration's copy and its new one, as history reasons: `document X filed by Y` for a type
 * it had none of, `document X replaced by Y` for one whose filing changed.
 */
export function documentChanges(
  before: AttachedDocument[],
  after: AttachedDocument[],
): { document: AttachedDocument; reason: string }[] {
  return after.flatMap((document) => {
    const old = before.find((d) => d.type === document.type);
    if (old && old.reference === document.reference && old.attachedAt === document.attachedAt) return [];
    const verb = old ? 'replaced' : 'filed';
    return [{ document, reason: `document ${document.type} ${verb} by ${document.attachedBy}` }];
  });
}
