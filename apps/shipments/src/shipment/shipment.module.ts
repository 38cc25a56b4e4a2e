import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@lib/messaging';
import type { ClosureOverride } from '@lib/reference-data';
import { CrossingModule } from '../crossing/crossing.module';
import { ShipmentController } from './shipment.controller';
import { ShipmentService } from './shipment.service';
import { TimelineService } from './timeline.service';

@Module({})
export class ShipmentModule {
  /** `closureOverrides`: crossings closed or opened by configuration, beneath what operators set at run time. */
  static forRoot(closureOverrides: ClosureOverride[]): DynamicModule {
    return {
      module: ShipmentModule,
      imports: [MessagingModule, CrossingModule.forRoot(closureOverrides)],
      controllers: [ShipmentController],
      providers: [ShipmentService, TimelineService],
      exports: [ShipmentService],
    };
  }
}
