import type { EntityManager } from 'typeorm';

/** What the app keeps with a follow-up beyond its subject (which part of it, …), stored as JSON. */
export type FollowUpDetails = Record<string, string | number | boolean | null>;

/** A follow-up to record: a deterministic id, so planning twice records and schedules once. */
export interface PlannedFollowUp {
  id: string;
  /** What it is about (a shipment, a declaration …): the row the handler looks at when it fires. */
  subjectId: string;
  kind: string;
  /** The app's own, for its handler; null when the subject says it all. */
  details: FollowUpDetails | null;
  dueAt: Date;
}

export type FollowUpRow = PlannedFollowUp;

/** What a handler decided when the follow-up came due. */
export type HandlerOutcome = 'fired' | 'not-needed';

export type FireOutcome = HandlerOutcome | 'already-done' | 'not-due';

/** What firing did; a follow-up woken before it is due says when it is (its job must sleep until then). */
export type FireResult = { outcome: Exclude<FireOutcome, 'not-due'> } | { outcome: 'not-due'; dueAt: Date };

/**
 * The app's part: what a due follow-up does, in the transaction that marks it done (so its effect
 * and the "done" are one fact). Return 'not-needed' when the world moved on (cargo arrived, cleared …).
 */
export interface FollowUpHandler {
  fire(manager: EntityManager, followUp: FollowUpRow): Promise<HandlerOutcome>;
}

export const FOLLOW_UP_HANDLER = Symbol('FOLLOW_UP_HANDLER');
