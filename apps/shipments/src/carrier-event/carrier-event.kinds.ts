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

/**
 * Which end of its leg each kind happens at when the carrier names no place: arrivals, discharge, gating in
 * (at the destination terminal) and delivery at the leg's end; everything else at its start, a border event
 * at the crossing the leg starts at. The rules, the EPCIS export and DCSA in and out all read this one map.
 */
export const LEG_END_OF_KIND: Record<EventKind, 'from' | 'to'> = {
  departure: 'from',
  gate_out: 'from',
  load: 'from',
  border_arrival: 'from',
  border_exit: 'from',
  exception: 'from',
  temperature: 'from',
  arrival: 'to',
  discharge: 'to',
  gate_in: 'to',
  delivery: 'to',
};

/** Kinds that happen at a border crossing: on the leg that starts there. */
export const BORDER_KINDS: readonly EventKind[] = ['border_arrival', 'border_exit'];
