import { Inject, Injectable, Logger } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import { OutboxRelay, type RelayStatus } from '@lib/messaging';
import { METRICS_REGISTRY } from './metrics.registry';
import { withTimeout } from './with-timeout';

const STATUS_TIMEOUT_MS = 2_000;

/**
 * The outbox backlog, read from the database at scrape time. NaN (Prometheus' "unknown") when the
 * database does not answer in time: an unlabelled gauge cannot be left out, and 0 would be a lie.
 */
@Injectable()
export class OutboxMetrics {
  private readonly logger = new Logger(OutboxMetrics.name);
  private inFlight?: Promise<RelayStatus | undefined>;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    private readonly relay: OutboxRelay,
  ) {
    const pending: Gauge = new Gauge({
      name: 'logistics_outbox_pending_events',
      help: 'Outbox rows not yet published to Kafka.',
      registers: [registry],
      collect: async () => {
        const status = await this.status();
        pending.set(status ? status.pending : Number.NaN);
      },
    });
    const oldestAge: Gauge = new Gauge({
      name: 'logistics_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest outbox row not yet published (0 when none is pending).',
      registers: [registry],
      collect: async () => {
        const status = await this.status();
        oldestAge.set(status ? (status.oldestPendingAgeMs ?? 0) / 1000 : Number.NaN);
      },
    });
  }

  /** Both gauges are collected concurrently in one scrape; they share one query. */
  private status(): Promise<RelayStatus | undefined> {
    this.inFlight ??= withTimeout(this.relay.status(), STATUS_TIMEOUT_MS, 'outbox status')
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'outbox backlog not collected');
        return undefined;
      })
      .finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }
}
