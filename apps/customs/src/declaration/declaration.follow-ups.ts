import type { LegSummary } from '@lib/contracts';
import type { PlannedFollowUp } from '@lib/follow-ups';
import { clearanceSlaHours, type SlaRules } from './clearance-sla';
import type { Declaration } from './declaration.entity';

export type DeclarationFollowUpKind = 'clearance_sla' | 'documents_reminder';

export const DECLARATION_FOLLOW_UP_SETTINGS = Symbol('DECLARATION_FOLLOW_UP_SETTINGS');

export interface DeclarationFollowUpSettings {
  clearanceSla: SlaRules;
  /** How long before the cargo is expected at the crossing the broker is reminded of missing documents. */
  reminderLeadMs: number;
}

/**
 * When the cargo is expected at the crossing a leg starts from: the leg's planned departure, else the previous leg's
 * planned arrival.
 */
export function expectedAtCrossing(legs: LegSummary[], legSequence: number): Date | undefined {
  const index = legs.findIndex((l) => l.sequence === legSequence);
  const when = legs[index]?.plannedDeparture ?? legs[index - 1]?.plannedArrival;
  return when ? new Date(when) : undefined;
}

/** The clearance deadline, counted from the cargo's arrival at the crossing. */
export function clearanceDeadline(
  declaration: Declaration,
  arrivedAt: Date,
  settings: DeclarationFollowUpSettings,
): PlannedFollowUp {
  const hours = clearanceSlaHours(settings.clearanceSla, declaration.crossing ?? '', declaration.cargo);
  return {
    id: `clearance-sla.${declaration.id}`,
    subjectId: declaration.id,
    kind: 'clearance_sla' satisfies DeclarationFollowUpKind,
    details: null,
    dueAt: new Date(arrivedAt.getTime() + hours * 3600_000),
  };
}

/**
 * A reminder `reminderLeadMs` before the cargo is expected, or at once if that is already closer; none once it is
 * due.
 */
export function documentsReminder(
  declaration: Declaration,
  expectedAt: Date | undefined,
  now: Date,
  settings: DeclarationFollowUpSettings,
): PlannedFollowUp | undefined {
  if (!expectedAt || expectedAt.getTime() <= now.getTime()) return undefined;
  return {
    id: `documents-reminder.${declaration.id}`,
    subjectId: declaration.id,
    kind: 'documents_reminder' satisfies DeclarationFollowUpKind,
    details: null,
    dueAt: new Date(Math.max(now.getTime(), expectedAt.getTime() - settings.reminderLeadMs)),
  };
}
