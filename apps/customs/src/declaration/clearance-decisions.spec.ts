import { Conflict } from '@lib/errors';
import {
  decide,
  ensureAllowed,
  ensureRequired,
  greenChannelClears,
  statusAfterAttaching,
  type ClearanceDecision,
} from './clearance-decisions';
import { DECLARATION_STATUSES, type ChecklistItem, type DeclarationStatus } from './declaration-workflow';
import { ActionNotAllowed, DocumentNotRequired, DocumentsMissing } from './declaration.errors';

const complete: ChecklistItem[] = [
  { document: 'commercial_invoice', status: 'attached' },
  { document: 'packing_list', status: 'attached' },
];
const incomplete: ChecklistItem[] = [
  { document: 'commercial_invoice', status: 'attached' },
  { document: 'phytosanitary_certificate', status: 'expired', validUntil: '2026-06-02T23:59:59Z' },
  { document: 'packing_list', status: 'missing' },
];

/** The error a call throws (or undefined), to assert on its class, code and message together. */
function refusal(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('clearance decisions', () => {
  it.each<[ClearanceDecision, DeclarationStatus]>([
    ['start_inspection', 'INSPECTION'],
    ['hold', 'HELD'],
    ['clear', 'CLEARED'],
    ['reject', 'REJECTED'],
  ])('moves an arrived declaration on %s to %s', (decision, to) => {
    expect(decide('ARRIVED', decision, complete)).toBe(to);
  });

  it('lets an officer clear, hold or reject during inspection, and inspect or clear a held declaration', () => {
    expect(decide('INSPECTION', 'clear', complete)).toBe('CLEARED');
    expect(decide('INSPECTION', 'hold', complete)).toBe('HELD');
    expect(decide('INSPECTION', 'reject', incomplete)).toBe('REJECTED');
    expect(decide('HELD', 'start_inspection', incomplete)).toBe('INSPECTION');
    expect(decide('HELD', 'clear', complete)).toBe('CLEARED');
  });

  it('refuses a decision before the cargo arrived, naming the status in the code', () => {
    const error = refusal(() => decide('PENDING', 'clear', complete));
    expect(error).toBeInstanceOf(ActionNotAllowed);
    expect(error).toMatchObject({
      kind: 'conflict',
      code: 'CANNOT_CLEAR_WHEN_PENDING',
      message: 'a PENDING declaration does not allow clear',
    });
    expect(refusal(() => decide('DOCUMENTS_COMPLETE', 'start_inspection', complete))).toMatchObject({
      code: 'CANNOT_START_INSPECTION_WHEN_DOCUMENTS_COMPLETE',
      message: 'a DOCUMENTS_COMPLETE declaration does not allow start inspection',
    });
    expect(refusal(() => decide('INSPECTION', 'start_inspection', complete))).toMatchObject({
      code: 'CANNOT_START_INSPECTION_WHEN_INSPECTION',
    });
    expect(refusal(() => decide('HELD', 'hold', complete))).toMatchObject({ code: 'CANNOT_HOLD_WHEN_HELD' });
  });

  it.each(['CLEARED', 'REJECTED', 'CLOSED'] as const)('refuses every decision once %s', (status) => {
    for (const decision of ['start_inspection', 'hold', 'clear', 'reject'] as const) {
      expect(refusal(() => decide(status, decision, complete))).toMatchObject({ code: `DECLARATION_${status}` });
    }
  });

  it('refuses to clear while documents are missing or expired, saying which', () => {
    const error = refusal(() => decide('ARRIVED', 'clear', incomplete));
    expect(error).toBeInstanceOf(DocumentsMissing);
    expect(error).toMatchObject({
      kind: 'conflict',
      code: 'DOCUMENTS_MISSING',
      message: 'cannot clear without: phytosanitary_certificate (expired 2026-06-02T23:59:59Z), packing_list',
    });
    // Holding or rejecting needs no documents; the status refusal comes before the documents one.
    expect(decide('ARRIVED', 'hold', incomplete)).toBe('HELD');
    expect(refusal(() => decide('PENDING', 'clear', incomplete))).toBeInstanceOf(ActionNotAllowed);
  });

  it('allows documents to be attached until a decision, and nothing after it', () => {
    for (const status of DECLARATION_STATUSES) {
      const error = refusal(() => ensureAllowed(status, 'attach_document'));
      if (['CLEARED', 'REJECTED', 'CLOSED'].includes(status)) expect(error).toBeInstanceOf(Conflict);
      else expect(error).toBeUndefined();
    }
  });
});

describe('attaching documents', () => {
  const torkham = { crossing: 'Torkham', requiredDocuments: ['commercial_invoice', 'tir_carnet'] };

  it('takes only a document the crossing requires', () => {
    expect(() => ensureRequired(torkham, 'tir_carnet')).not.toThrow();
    const error = refusal(() => ensureRequired(torkham, 'phytosanitary_certificate'));
    expect(error).toBeInstanceOf(DocumentNotRequired);
    expect(error).toMatchObject({
      code: 'DOCUMENT_NOT_REQUIRED',
      message: 'phytosanitary_certificate is not required at Torkham',
    });
  });

  it('completes a pending declaration once every document is attached and valid', () => {
    expect(statusAfterAttaching('PENDING', complete)).toBe('DOCUMENTS_COMPLETE');
    expect(statusAfterAttaching('PENDING', incomplete)).toBeUndefined();
    // Past PENDING the status says where the cargo is; documents do not move it.
    expect(statusAfterAttaching('ARRIVED', complete)).toBeUndefined();
    expect(statusAfterAttaching('HELD', complete)).toBeUndefined();
  });
});

describe('green channel', () => {
  const on = { enabled: true, excludedHsPrefixes: ['5205'] };

  it('clears unless perishable, its HS code excluded (dots ignored) or the channel off', () => {
    expect(greenChannelClears({ hsCode: '1101.00' }, on)).toBe(true);
    expect(greenChannelClears({ hsCode: '0805.21' }, on)).toBe(false);
    expect(greenChannelClears({ hsCode: '08.04.50' }, on)).toBe(false);
    expect(greenChannelClears({ commodity: 'kinnow', hsCode: '9999.99' }, on)).toBe(false);
    expect(greenChannelClears({ hsCode: '0303.89', perishable: { minCelsius: -20, maxCelsius: -18 } }, on)).toBe(false);
    expect(greenChannelClears({ hsCode: '52.05.12' }, on)).toBe(false);
    expect(greenChannelClears({ hsCode: '1101.00' }, { ...on, enabled: false })).toBe(false);
    expect(greenChannelClears(null, on)).toBe(true);
  });
});
