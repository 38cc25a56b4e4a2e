import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultKind, PlannedFault } from './fault-plan';
import type { OwnBroker } from './own-broker';
import type { RunRedis } from './run-redis';
import type { ServiceName, ServiceProcesses } from './service-processes';

/** The Postgres fault as this run can do it. */
export interface PostgresFault {
  mode: 'restart' | 'terminate';
  /** What it does, for the summary. */
  describe: string;
  /** Injects it; resolves with what happened. */
  inject(): Promise<string>;
}

export interface FaultRecord {
  kind: FaultKind;
  /** Seconds since the drive started. */
  at: number;
  /** During the drive, or after it (while the pipeline still drained). */
  phase: 'drive' | 'after drive';
  detail: string;
  /** From the fault until every service answered /health/ready again. */
  recoveredSeconds: number;
  /** The fault could not be injected, or the system did not come back: the run stops injecting. */
  error?: string;
}

interface FaultTargets {
  services: ServiceProcesses;
  broker: OwnBroker;
  redis: RunRedis;
  postgres: PostgresFault;
}

/** How long every service may take to be ready again after a fault before the run stops. */
const RECOVERY_TIMEOUT_MS = 180_000;

/** Injects a fault; `round` counts the earlier faults of this kind (with several instances, which one is next). */
async function inject(
  kind: FaultKind,
  { services, broker, redis, postgres }: FaultTargets,
  round: number,
): Promise<string> {
  switch (kind) {
    case 'kill-shipments':
    case 'kill-customs':
    case 'kill-notifications': {
      const service = kind.slice('kill-'.length) as ServiceName;
      // With several instances, each round kills the next one: the others carry on meanwhile.
      const instances = services.instances(service);
      const instance = instances[round % instances.length];
      const pid = await services.kill(instance);
      services.start(instance);
      return `kill -9 ${services.describe(instance)} (pid ${pid}), started again`;
    }
    case 'postgres':
      return postgres.inject();
    case 'redis':
      return `FLUSHDB on the run's Redis database (${await redis.flush()} keys)`;
    case 'kafka': {
      if (broker.count > 1) {
        // The node that leads the KRaft quorum: the cluster elects another controller while it is gone.
        const id = await broker.killController();
        await sleep(2_000);
        await broker.up();
        return `SIGKILL broker ${id} of ${broker.count} (the active controller), started again`;
      }
      const pid = await broker.kill();
      // Down for a moment, as a broker host restarting would be.
      await sleep(2_000);
      await broker.up();
      return `SIGKILL the broker (pid ${pid}), started again`;
    }
  }
}

/**
 * Fires each planned fault once the drive has reached its share of progress, one at a time (the
 * next waits until every service is ready again). New shipments wait while a fault is due
 * (`nextAt`), so each one lands on traffic in flight however fast the drive would otherwise run;
 * faults left when the drive ends fire while the pipeline drains.
 */
export class FaultSchedule {
  private fired = 0;
  private stopped = false;
  readonly records: FaultRecord[] = [];

  constructor(private readonly plan: PlannedFault[]) {}

  /** The progress at which the next fault is due; Infinity once none is left. */
  nextAt(): number {
    return this.stopped || this.fired >= this.plan.length ? Infinity : this.plan[this.fired].at;
  }

  async run(
    targets: FaultTargets,
    progress: () => number,
    driveDone: () => boolean,
    driveStarted: number,
    onFault: (record: FaultRecord) => void,
  ): Promise<FaultRecord[]> {
    for (const planned of this.plan) {
      while (progress() < planned.at && !driveDone()) await sleep(100);
      const started = Date.now();
      const record: FaultRecord = {
        kind: planned.kind,
        at: (started - driveStarted) / 1000,
        phase: driveDone() ? 'after drive' : 'drive',
        detail: planned.kind,
        recoveredSeconds: 0,
      };
      this.records.push(record);
      this.fired += 1;
      try {
        const round = this.records.filter((r) => r.kind === planned.kind).length - 1;
        record.detail = await inject(planned.kind, targets, round);
        await targets.services.waitReady(RECOVERY_TIMEOUT_MS);
      } catch (error) {
        record.error = (error as Error).message;
      }
      record.recoveredSeconds = (Date.now() - started) / 1000;
      onFault(record);
      if (record.error) break;
      await sleep(1_000);
    }
    this.stopped = true;
    return this.records;
  }
}
