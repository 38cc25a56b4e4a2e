import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ConsoleConfig } from '../console.config';
import { CONSOLE_CONFIG } from '../console.tokens';
import { HealthProbe } from './health.probe';
import { History } from './history';
import { KafkaProbe } from './kafka.probe';
import { OutboxProbe } from './outbox.probe';
import { overviewOf, type OverviewView } from './overview.view';
import { QueueProbe } from './queue.probe';
import type { Sample } from './sample';

/** No probe may hold up a sample for longer than this: a part that does not answer is shown as unknown. */
const PROBE_TIMEOUT_MS = 4_000;

function within<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

type Listener = (view: OverviewView) => void;

/**
 * Samples the system every CONSOLE_SAMPLE_INTERVAL_MS whether or not anyone watches, keeps the last
 * CONSOLE_HISTORY_MS of samples in memory (the sparklines), and hands each new overview to the
 * open streams. One sample at a time: a slow one delays the next rather than piling up.
 */
@Injectable()
export class OverviewSampler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OverviewSampler.name);
  private readonly history: History;
  private readonly listeners = new Set<Listener>();
  private current: OverviewView;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private readonly failing = new Set<string>();

  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    private readonly health: HealthProbe,
    private readonly kafka: KafkaProbe,
    private readonly outbox: OutboxProbe,
    private readonly queues: QueueProbe,
  ) {
    this.history = new History(config.overview.historyMs);
    this.current = overviewOf([]);
  }

  onApplicationBootstrap(): void {
    void this.tick();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  /** The latest overview (empty before the first sample). */
  overview(): OverviewView {
    return this.current;
  }

  /** Calls `listener` with every new overview until the returned function is called. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes one sample now (the timer does this on its own; tests call it to avoid waiting). */
  async sampleNow(): Promise<OverviewView> {
    const sample = await this.sample();
    this.history.add(sample);
    this.current = overviewOf(this.history.all());
    for (const listener of this.listeners) listener(this.current);
    return this.current;
  }

  private async tick(): Promise<void> {
    try {
      await this.sampleNow();
    } catch (error) {
      this.logger.error({ err: error }, 'overview sample failed');
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), this.config.overview.sampleIntervalMs).unref();
  }

  private async sample(): Promise<Sample> {
    const at = Date.now();
    const [health, kafka, outbox, queues] = await Promise.all([
      this.settle('health', this.health.sample()),
      this.settle('kafka', this.kafka.sample()),
      this.settle('outbox', this.outbox.sample()),
      this.settle('queues', this.queues.sample()),
    ]);
    return { at, health: health ?? [], kafka, outbox: outbox ?? [], queues };
  }

  /** The probe's answer, or undefined; a failure is logged once per stretch of failures, not every few seconds. */
  private async settle<T>(what: string, work: Promise<T>): Promise<T | undefined> {
    try {
      const result = await within(work, what);
      if (this.failing.delete(what)) this.logger.log({ probe: what }, 'probe answers again');
      return result;
    } catch (error) {
      if (!this.failing.has(what)) this.logger.warn({ err: error, probe: what }, 'probe failed; shown as unknown');
      this.failing.add(what);
      return undefined;
    }
  }
}
