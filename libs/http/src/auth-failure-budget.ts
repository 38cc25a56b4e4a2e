interface Window {
  failures: number;
  endsAt: number;
}

/**
 * Failed authentications per client address in fixed windows, in memory and bounded (the oldest
 * address goes first). It guards the one costly step of verifying a key — the lookup of a key id
 * no cache holds — so a client sending a new made-up id with every request costs Postgres at most
 * its budget per window on each instance. The rate limiter's Redis count still answers the request.
 */
export class AuthFailureBudget {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly capacity = 10_000,
  ) {}

  spent(address: string, now = Date.now()): boolean {
    return (this.current(address, now)?.failures ?? 0) >= this.max;
  }

  charge(address: string, now = Date.now()): void {
    const window = this.current(address, now);
    if (window) {
      window.failures += 1;
      return;
    }
    if (this.windows.size >= this.capacity) this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(address, { failures: 1, endsAt: now + this.windowMs });
  }

  /** Takes back a charge made up front for an attempt that then succeeded. */
  refund(address: string, now = Date.now()): void {
    const window = this.current(address, now);
    if (window && window.failures > 0) window.failures -= 1;
  }

  private current(address: string, now: number): Window | undefined {
    const window = this.windows.get(address);
    if (window && window.endsAt <= now) {
      this.windows.delete(address);
      return undefined;
    }
    return window;
  }
}
