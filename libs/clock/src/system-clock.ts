import { assertScale, toRealMs, type Clock, type ClockConfig } from './clock';

/**
 * Simulated now = epoch + (real now − real start) × scale. The real start is `realStart` when given
 * (so services booted apart agree), else when the clock is made; without an epoch, simulated time
 * starts at the real start, so scale 1 is wall time.
 */
export class SystemClock implements Clock {
  private readonly realStartMs: number;
  private readonly epochMs: number;
  private readonly scale: number;

  constructor(
    config: ClockConfig,
    /** Real time in epoch milliseconds; injectable for tests. */
    private readonly realNow: () => number = Date.now,
  ) {
    assertScale(config.scale);
    this.scale = config.scale;
    this.realStartMs = config.realStart?.getTime() ?? realNow();
    this.epochMs = config.epoch?.getTime() ?? this.realStartMs;
  }

  now(): Date {
    return new Date(this.epochMs + (this.realNow() - this.realStartMs) * this.scale);
  }

  realDelayMs(until: Date): number {
    return toRealMs(until.getTime() - this.now().getTime(), this.scale);
  }

  realDurationMs(simulatedMs: number): number {
    return toRealMs(simulatedMs, this.scale);
  }
}
