/**
 * Payloads of the crossing facts the shipments service publishes on `shipments.events.v1` when an
 * operator closes or opens a border crossing, port or airport at run time. Subject and record key
 * are the crossing's id (`khunjerab-tashkurgan`), so one crossing's facts stay in order.
 */

/** An operator's closure or opening of a crossing, over the seasonal calendar. */
export interface CrossingOverrideFacts {
  overrideId: string;
  /** Crossing id from the reference data (`khunjerab-tashkurgan`). */
  crossing: string;
  crossingName: string;
  reason: string;
  from: string;
  /** Absent: until an operator lifts it. */
  until?: string;
  /** The key that set it, and the person it was set for (the console's signed-in operator). */
  setBy: string;
  requestedBy?: string;
}

export type CrossingClosed = CrossingOverrideFacts;
export type CrossingOpened = CrossingOverrideFacts;

/** An override lifted before its end: the crossing follows the seasonal calendar again. */
export interface CrossingOverrideLifted {
  overrideId: string;
  crossing: string;
  crossingName: string;
  /** Whether the crossing was closed or opened by the override now lifted. */
  wasOpen: boolean;
  liftedBy: string;
  requestedBy?: string;
  /** The crossing's state once lifted, as booking now sees it. */
  openNow: boolean;
}

export interface CrossingEvents {
  'crossing.closed': CrossingClosed;
  'crossing.opened': CrossingOpened;
  'crossing.override.lifted': CrossingOverrideLifted;
}
