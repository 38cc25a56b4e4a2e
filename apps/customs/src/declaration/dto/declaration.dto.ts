import { z } from 'zod';
import { isoDateTime, keysetCursor } from '@lib/http';
import { DECLARATION_STATUSES } from '../declaration-workflow';
import { DOCUMENT_TYPES } from '../document-rules';

/** Keyset over the list's order (newest bookings first, a booking's crossings in route order); opaque to clients. */
export const declarationsCursor = keysetCursor({
  createdAt: isoDateTime(),
  shipmentId: z.uuid(),
  leg: z.coerce.number().int().min(0).max(1000),
  id: z.uuid(),
});

/**
 * Filters are optional: visibility (a shipper its own, a broker its shippers', an officer its crossing's) applies
 * anyway.
 */
export const listDeclarationsSchema = z.object({
  shipmentId: z.uuid().optional(),
  crossing: z.string().trim().min(2).max(60).optional(),
  status: z.enum(DECLARATION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: declarationsCursor.param(),
});
export type ListDeclarations = z.infer<typeof listDeclarationsSchema>;

/** The same body files a document through a declaration or for the shipment. */
export const attachDocumentSchema = z.strictObject({
  type: z.enum(DOCUMENT_TYPES),
  reference: z.string().trim().min(1).max(100),
  issuer: z.string().trim().min(1).max(200),
  validUntil: isoDateTime().optional(),
});
export type AttachDocument = z.infer<typeof attachDocumentSchema>;

export const reasonSchema = z.strictObject({ reason: z.string().trim().min(3).max(500) });
export type Reason = z.infer<typeof reasonSchema>;

/** A document as a broker files it (the OpenAPI example of both filing endpoints). */
export const attachDocumentExample = {
  type: 'phytosanitary_certificate',
  reference: 'DPP-PC-2026-118842',
  issuer: 'Department of Plant Protection, Karachi',
  validUntil: '2026-12-31T23:59:59+05:00',
};

export const declarationExample = {
  id: 'c0a8012e-6d1f-4c1e-9a52-0b4f3f3c2a10',
  shipmentId: '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11',
  crossing: 'Torkham',
  leg: 2,
  status: 'HELD',
  reason: 'documents missing: phytosanitary_certificate (expired 2026-12-01T00:00:00+05:00)',
  requiredDocuments: [
    'commercial_invoice',
    'packing_list',
    'cmr_consignment_note',
    'tir_carnet',
    'pakistan_goods_declaration',
    'phytosanitary_certificate',
  ],
  requirements: [
    { document: 'commercial_invoice', why: 'every consignment, at every customs point' },
    { document: 'tir_carnet', why: 'road transit under TIR', tir: 'border' },
    { document: 'pakistan_goods_declaration', why: "Pakistan's Goods Declaration", procedure: 'export' },
  ],
  missingDocuments: ['phytosanitary_certificate'],
  checklist: [
    { document: 'commercial_invoice', status: 'attached' },
    {
      document: 'phytosanitary_certificate',
      status: 'expired',
      validUntil: '2026-12-01T00:00:00+05:00',
      reason:
        'valid until 2026-12-01T00:00:00+05:00, ' +
        'before the cargo is expected at the crossing (2026-12-02T06:00:00.000Z)',
    },
  ],
  documents: [
    {
      type: 'commercial_invoice',
      reference: 'INV-2026-0042',
      issuer: 'Bhalwal Kinnow Exports',
      attachedAt: '2026-12-02T09:00:00.000Z',
      attachedBy: 'customs-broker-1a2b3c4d',
    },
  ],
  createdAt: '2026-12-01T08:00:01.000Z',
};

export const declarationSummaryExample = {
  at: '2026-12-02T10:00:00.000Z',
  crossings: [
    {
      crossing: 'Chaman',
      expected: 1,
      waiting: 0,
      awaitingDocuments: 0,
      inspection: 0,
      held: 0,
      readyForDecision: 0,
      slaBreached: 0,
      oldestWaitingSince: null,
    },
    {
      crossing: 'Torkham',
      expected: 3,
      waiting: 5,
      awaitingDocuments: 2,
      inspection: 1,
      held: 1,
      readyForDecision: 1,
      slaBreached: 2,
      oldestWaitingSince: '2026-11-30T06:40:00.000Z',
    },
  ],
};

export const shipmentDocumentsExample = {
  shipmentId: '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11',
  documents: [
    {
      type: 'commercial_invoice',
      reference: 'INV-2026-0042',
      issuer: 'Bhalwal Kinnow Exports',
      attachedAt: '2026-12-02T09:00:00.000Z',
      attachedBy: 'customs-broker-1a2b3c4d',
      requiredAt: ['Port of Karachi', 'Torkham', 'Hairatan–Termez', 'Gishtkuprik–Zhibek Zholy'],
    },
  ],
  crossingDocuments: [
    {
      type: 'cmr_consignment_note',
      reference: 'CMR-TKM-5521',
      issuer: 'NLC',
      attachedAt: '2026-12-03T07:40:00.000Z',
      attachedBy: 'customs-officer-9f8e7d6c',
      crossing: 'Torkham',
    },
  ],
  required: [
    { document: 'commercial_invoice', attached: true, crossings: ['Port of Karachi', 'Torkham'] },
    { document: 'phytosanitary_certificate', attached: false, crossings: ['Torkham', 'Gishtkuprik–Zhibek Zholy'] },
  ],
  declarations: [
    {
      id: 'c0a8012e-6d1f-4c1e-9a52-0b4f3f3c2a10',
      crossing: 'Torkham',
      leg: 2,
      status: 'PENDING',
      missingDocuments: ['phytosanitary_certificate'],
    },
  ],
};
