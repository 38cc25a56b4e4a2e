import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { FollowUps } from './follow-ups.service';
import { RecoverySweep, type SweepOptions } from './recovery-sweep';

export const FOLLOW_UP_SWEEP = Symbol('FOLLOW_UP_SWEEP');

/** Pending follow-ups are re-scheduled from Postgres at start, on every Redis reconnect, and periodically. */
@Injectable()
export class FollowUpSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweep: RecoverySweep;

  constructor(followUps: FollowUps, @Inject(FOLLOW_UP_SWEEP) options: SweepOptions) {
    this.sweep = new RecoverySweep(FollowUpSweeper.name, options, () => followUps.sweep());
  }

  onApplicationBootstrap(): void {
    this.sweep.start();
  }

  onApplicationShutdown(): void {
    this.sweep.stop();
  }
}
