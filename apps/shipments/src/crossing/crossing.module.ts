import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@lib/messaging';
import type { ClosureOverride } from '@lib/reference-data';
import { CrossingController } from './crossing.controller';
import { CrossingOverrideStore } from './crossing-overrides.store';
import { CONFIGURED_OVERRIDES, CrossingService } from './crossing.service';

/** Crossings' state: operators' closures and openings over the calendar; booking reads it through CrossingService. */
@Module({})
export class CrossingModule {
  static forRoot(configured: ClosureOverride[]): DynamicModule {
    return {
      module: CrossingModule,
      imports: [MessagingModule],
      controllers: [CrossingController],
      providers: [{ provide: CONFIGURED_OVERRIDES, useValue: configured }, CrossingOverrideStore, CrossingService],
      exports: [CrossingService],
    };
  }
}
