/** Injection token for the service's clock. */
export const CLOCK = Symbol('CLOCK');

/**
 * The only source of "now" for services. Time may run faster than the wall clock (CLOCK_SCALE),
 * so anything that waits in real time (BullMQ delays, timers) converts through the clock.
 */
export interface Clock {
  /** The current simulated instant. */
  now(): Date;
  /** Real milliseconds to wait until the simulated instant `until`; 0 when it has passed. */
  realDelayMs(until: Date): number;
  /** Real milliseconds that `simulatedMs` of simulated time take; never negative. */
  realDurationMs(simulatedMs: number): number;
}

export interface ClockConfig {
  /** Simulated time at the clock's start; unset = the real time at start. */
  epoch?: Date;
  /**
   * The real instant at which simulated time was `epoch`; unset = when the clock
   * is made. Shared by all services of a run.
   */
  realStart?: Date;
  /** Simulated seconds per real second, > 0. */
  scale: number;
}

/** Rounded up, so a job never fires before its simulated instant. */
export function toRealMs(simulatedMs: number, scale: number): number {
  return simulatedMs > 0 ? Math.ceil(simulatedMs / scale) : 0;
}

export function assertScale(scale: number): void {
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`clock scale must be a number > 0 (got ${scale})`);
}
