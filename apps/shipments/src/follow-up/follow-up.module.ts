import { BullModule } from '@nestjs/bullmq';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { QUEUES } from '@lib/contracts';
import type { FollowUpSettings } from './follow-up.plan';
import { FollowUpProcessor } from './follow-up.processor';
import { FollowUpScheduler } from './follow-up.scheduler';
import { FOLLOW_UP_SETTINGS, FollowUpService } from './follow-up.service';
import { FOLLOW_UP_SWEEP, FollowUpSweeper, type SweepOptions } from './follow-up.sweeper';

@Global()
@Module({})
export class FollowUpModule {
  static forRoot(settings: FollowUpSettings, sweep: SweepOptions): DynamicModule {
    return {
      module: FollowUpModule,
      imports: [BullModule.registerQueue({ name: QUEUES.shipmentFollowUps })],
      providers: [
        { provide: FOLLOW_UP_SETTINGS, useValue: settings },
        { provide: FOLLOW_UP_SWEEP, useValue: sweep },
        FollowUpScheduler,
        FollowUpService,
        FollowUpProcessor,
        FollowUpSweeper,
      ],
      exports: [FollowUpService],
    };
  }
}
