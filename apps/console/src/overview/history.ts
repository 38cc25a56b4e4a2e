import type { Sample } from './sample';

/** The samples of the last `windowMs` (15 minutes by default), oldest first, in memory. */
export class History {
  private readonly samples: Sample[] = [];

  constructor(private readonly windowMs: number) {}

  add(sample: Sample): void {
    this.samples.push(sample);
    const since = sample.at - this.windowMs;
    let stale = 0;
    while (stale < this.samples.length && this.samples[stale].at < since) stale++;
    this.samples.splice(0, stale);
  }

  all(): readonly Sample[] {
    return this.samples;
  }
}
