import { Logger } from '@nestjs/common';

/**
 * The points this library names, where a crash test can make the process die (SIGKILL, no cleanup,
 * like a power cut). Other code names its own (`<where>.<when>`, e.g. `delivery.after-send`); the
 * README's configuration table lists every one.
 */
export const FAULT_POINT_NAMES = ['relay.after-publish', 'consumer.after-commit'] as const;

export const FAULTS = Symbol('FAULTS');

/**
 * Env-selected fault hooks for crash tests (`FAULT_POINTS`, `FAULT_POISON_SUBJECTS`); inert unless
 * configured, and refused by the configuration when NODE_ENV=production.
 */
export class Faults {
  private readonly logger = new Logger(Faults.name);

  constructor(
    private readonly points: ReadonlySet<string> = new Set(),
    private readonly poisonSubjects: ReadonlySet<string> = new Set(),
  ) {}

  static none(): Faults {
    return new Faults();
  }

  /** `point` is the caller's name for where it stands, as `FAULT_POINTS` selects it. */
  crashAt(point: string): void {
    if (!this.points.has(point)) return;
    this.logger.warn({ point }, 'fault injected: killing the process');
    process.kill(process.pid, 'SIGKILL');
  }

  /** Stands in for a bug in a handler: events about these subjects fail every time. */
  failIfPoisoned(subject: string): void {
    if (this.poisonSubjects.has(subject)) throw new Error(`fault injected: poison subject ${subject}`);
  }
}
