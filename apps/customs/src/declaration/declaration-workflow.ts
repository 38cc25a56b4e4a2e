/** A declaration's life at one crossing. */
export const DECLARATION_STATUSES = ['PENDING', 'DOCUMENTS_COMPLETE', 'ARRIVED', 'INSPECTION', 'HELD', 'CLEARED', 'REJECTED', 'CLOSED'] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

export type DeclarationAction = 'attach_document' | 'arrive' | 'start_inspection' | 'hold' | 'clear' | 'reject' | 'close';

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
  ['CLEARED', 'REJECTED', 'CLOSED'].includes(status) ? `DECLARATION_${status}` : `CANNOT_${action.toUpperCase()}_WHEN_${status}`;

export function missingDocuments(required: string[], attached: { type: string }[]): string[] {
  const have = new Set(attached.map((d) => d.type));
  return required.filter((doc) => !have.has(doc));
}
