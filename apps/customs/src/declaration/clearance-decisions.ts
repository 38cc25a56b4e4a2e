import { isPerishable } from '@lib/reference-data';
import type { GreenChannel } from '../customs.config';
import {
  canDo,
  describeMissing,
  type ChecklistItem,
  type DeclarationAction,
  type DeclarationStatus,
} from './declaration-workflow';
import { ActionNotAllowed, DocumentNotRequired, DocumentsMissing } from './declaration.errors';

/** What an officer (or an operator) decides about a declaration at the crossing. */
export type ClearanceDecision = Extract<DeclarationAction, 'start_inspection' | 'hold' | 'clear' | 'reject'>;

/** The status each decision moves a declaration to. */
const OUTCOME: Record<ClearanceDecision, DeclarationStatus> = {
  start_inspection: 'INSPECTION',
  hold: 'HELD',
  clear: 'CLEARED',
  reject: 'REJECTED',
};

/** Refuses an action the declaration's status does not allow, with a code naming that status. */
export function ensureAllowed(status: DeclarationStatus, action: DeclarationAction): void {
  if (!canDo(status, action)) throw new ActionNotAllowed(status, action);
}

/**
 * The status a decision moves the declaration to. Refused when its status does not allow the
 * decision (none before the cargo arrived, none after a clearance, rejection or closing), and a
 * clearance while a required document is missing or expired before the cargo is at the crossing.
 */
export function decide(
  status: DeclarationStatus,
  decision: ClearanceDecision,
  checklist: ChecklistItem[],
): DeclarationStatus {
  ensureAllowed(status, decision);
  if (decision === 'clear') {
    const missing = describeMissing(checklist);
    if (missing) throw new DocumentsMissing(missing);
  }
  return OUTCOME[decision];
}

/** Only a document the crossing's checklist asks for may be attached. */
export function ensureRequired(declaration: { requiredDocuments: string[]; crossing: string | null }, type: string) {
  if (!declaration.requiredDocuments.includes(type)) throw new DocumentNotRequired(type, declaration.crossing);
}

/** After a document is attached: a pending declaration whose checklist is now complete is DOCUMENTS_COMPLETE. */
export function statusAfterAttaching(
  status: DeclarationStatus,
  checklist: ChecklistItem[],
): DeclarationStatus | undefined {
  return status === 'PENDING' && checklist.every((item) => item.status === 'attached')
    ? 'DOCUMENTS_COMPLETE'
    : undefined;
}

/**
 * Clears a complete declaration on arrival without an officer: the green channel is on, the cargo
 * is not perishable (`isPerishable`, the one rule: an officer looks at fresh cargo at once, under its
 * shorter SLA) and its HS code is not among the configured extra exclusions.
 */
export function greenChannelClears(
  cargo: { commodity?: string; hsCode: string; perishable?: object | null } | null,
  greenChannel: GreenChannel,
): boolean {
  if (!greenChannel.enabled) return false;
  if (!cargo) return true;
  const hs = cargo.hsCode.replace(/\./g, '');
  return !isPerishable(cargo) && !greenChannel.excludedHsPrefixes.some((prefix) => hs.startsWith(prefix));
}
