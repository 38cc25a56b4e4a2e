/** What a carrier can report about a leg; DCSA Track & Trace codes are accepted as aliases. */
export const EVENT_KINDS = [
  'departure',
  'arrival',
  'border_arrival',
  'border_exit',
  'gate_in',
  'gate_out',
  'load',
  'discharge',
  'delivery',
  'exception',
  'temperature',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** DCSA T&T 2.2 transport (ARRI/DEPA) and equipment (LOAD/DISC/GTIN/GTOT) event codes. */
export const DCSA_ALIASES: Record<string, EventKind> = {
  DEPA: 'departure',
  ARRI: 'arrival',
  LOAD: 'load',
  DISC: 'discharge',
  GTIN: 'gate_in',
  GTOT: 'gate_out',
};

/** DCSA eventClassifierCode: ACTual happened; ESTimated and PLaNned only move the ETA. */
export type Classifier = 'ACT' | 'EST' | 'PLN';
