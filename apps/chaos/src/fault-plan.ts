import { shuffled, type Random } from './random';

/** What the chaos run does to the system, each at least once per round. */
export const FAULT_KINDS = [
  'kill-shipments',
  'kill-customs',
  'kill-notifications',
  'postgres',
  'redis',
  'kafka',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface PlannedFault {
  kind: FaultKind;
  /** Fires once this share (0–1) of the planned legs has been driven. */
  at: number;
}

/**
 * `rounds` × every fault kind (of those asked for), each round in a seeded random order, spread evenly over the drive:
 * the n-th of F faults fires at progress n/(F+1), so the last still has traffic after it.
 */
export function planFaults(rounds: number, random: Random, of: readonly FaultKind[] = FAULT_KINDS): PlannedFault[] {
  const kinds = Array.from({ length: rounds }, () => shuffled(of, random)).flat();
  return kinds.map((kind, i) => ({ kind, at: (i + 1) / (kinds.length + 1) }));
}
