import { Module, type DynamicModule } from '@nestjs/common';
import type { ClosureOverride } from '@lib/reference-data';
import { ShipmentController } from './shipment.controller';
import { CLOSURE_OVERRIDES, ShipmentService } from './shipment.service';
import { TimelineService } from './timeline.service';

@Module({})
export class ShipmentModule {
  static forRoot(closureOverrides: ClosureOverride[]): DynamicModule {
    return {
      module: ShipmentModule,
      controllers: [ShipmentController],
      providers: [{ provide: CLOSURE_OVERRIDES, useValue: closureOverrides }, ShipmentService, TimelineService],
      exports: [ShipmentService],
    };
  }
}
