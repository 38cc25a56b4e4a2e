import { assertScale, toRealMs, type Clock } from './clock';

/** A clock that moves only when a test moves it. `scale` matters only for the real-delay conversions. */
export class TestClock implements Clock {
  private nowMs: number;

  constructor(
    start: Date | string,
    private readonly scale = 1,
  ) {
    assertScale(scale);
    this.nowMs = new Date(start).getTime();
    if (Number.isNaN(this.nowMs)) throw new RangeError(`TestClock: invalid start ${String(start)}`);
  }

  now(): Date {
    return new Date(this.nowMs);
  }

  set(at: Date | string): this {
    this.nowMs = new Date(at).getTime();
    return this;
  }

  advance(simulatedMs: number): this {
    this.nowMs += simulatedMs;
    return this;
  }

  realDelayMs(until: Date): number {
    return toRealMs(until.getTime() - this.nowMs, this.scale);
  }

  realDurationMs(simulatedMs: number): number {
    return toRealMs(simulatedMs, this.scale);
  }
}
