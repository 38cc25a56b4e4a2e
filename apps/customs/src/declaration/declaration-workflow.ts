/** A declaration's life at one crossing. */
export const DECLARATION_STATUSES = [
  'PENDING',
  'DOCUMENTS_COMPLETE',
  'ARRIVED',
  'INSPECTION',
  'HELD',
  'CLEARED',
  'REJECTED',
  'CLOSED',
] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

export type DeclarationAction =
  'attach_document' | 'arrive' | 'start_inspection' | 'hold' | 'clear' | 'reject' | 'close';

/** Which actions each status allows; anything else is 409 with the code below. */
const allowed: Record<DeclarationStatus, DeclarationAction[]> = {
  PENDING: ['attach_document', 'arrive', 'close'],
  DOCUMENTS_COMPLETE: ['attach_document', 'arrive', 'close'],
  ARRIVED: ['attach_document', 'start_inspection', 'hold', 'clear', 'reject', 'close'],
  INSPECTION: ['attach_document', 'hold', 'clear', 'reject', 'close'],
  HELD: ['attach_document', 'start_inspection', 'clear', 'reject', 'close'],
  CLEARED: [],
  REJECTED: [],
  CLOSED: [],
};

export function canDo(status: DeclarationStatus, action: DeclarationAction): boolean {
  return allowed[status].includes(action);
}

export const conflictCode = (status: DeclarationStatus, action: DeclarationAction): string =>
  ['CLEARED', 'REJECTED', 'CLOSED'].includes(status)
    ? `DECLARATION_${status}`
    : `CANNOT_${action.toUpperCase()}_WHEN_${status}`;

/** When the cargo is (or was) at the crossing: the time its documents must be valid. */
export interface NeededAt {
  at: Date;
  /** The carrier reported the arrival (`at` is then that arrival); else `at` is when it is expected, or now. */
  arrived: boolean;
}

/**
 * When a declaration's documents must be valid: at the cargo's arrival once it has arrived; before
 * that, when it is expected at the crossing — or now, if that has passed or is unknown (it cannot
 * arrive earlier than now).
 */
export function documentsNeededAt(
  declaration: { arrivedAt: Date | null; expectedAt: Date | null },
  now: Date,
): NeededAt {
  if (declaration.arrivedAt) return { at: declaration.arrivedAt, arrived: true };
  const expected = declaration.expectedAt?.getTime() ?? now.getTime();
  return { at: new Date(Math.max(expected, now.getTime())), arrived: false };
}

export interface ChecklistItem {
  document: string;
  /** `expired`: attached, but its `validUntil` falls before the cargo is at the crossing — it does not count. */
  status: 'attached' | 'missing' | 'expired';
  validUntil?: string;
  reason?: string;
}

/** Each required document: attached and valid when needed, missing, or expired by then (with why). */
export function checklist(
  required: string[],
  attached: { type: string; validUntil?: string }[],
  needed: NeededAt,
): ChecklistItem[] {
  return required.map((document) => {
    const found = attached.find((d) => d.type === document);
    if (!found) return { document, status: 'missing' };
    if (found.validUntil && Date.parse(found.validUntil) < needed.at.getTime()) {
      const when = needed.arrived ? 'the cargo arrived at the crossing' : 'the cargo is expected at the crossing';
      return {
        document,
        status: 'expired',
        validUntil: found.validUntil,
        reason: `valid until ${found.validUntil}, before ${when} (${needed.at.toISOString()})`,
      };
    }
    return { document, status: 'attached', ...(found.validUntil ? { validUntil: found.validUntil } : {}) };
  });
}

/** What keeps the declaration from being complete: documents not attached, or expired before they are needed. */
export function missingDocuments(
  required: string[],
  attached: { type: string; validUntil?: string }[],
  needed: NeededAt,
): string[] {
  return checklist(required, attached, needed)
    .filter((item) => item.status !== 'attached')
    .map((item) => item.document);
}

/** The missing documents as a reason a person reads: `documents missing: a, b (expired 2026-06-02T00:00:00Z)`. */
export function describeMissing(items: ChecklistItem[]): string {
  return items
    .filter((item) => item.status !== 'attached')
    .map((item) => (item.status === 'expired' ? `${item.document} (expired ${item.validUntil})` : item.document))
    .join(', ');
}
