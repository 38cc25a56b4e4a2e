import { Module, type DynamicModule } from '@nestjs/common';
import { CarrierEventController } from './carrier-event.controller';
import { CarrierEventRepository } from './carrier-event.repository';
import { CUSTOMS_GATE, CarrierEventService } from './carrier-event.service';
import { CustomsDecisionConsumer } from './customs-decision.consumer';
import { CustomsDecisionService } from './customs-decision.service';

@Module({})
export class CarrierEventModule {
  static forRoot(customsGate: boolean): DynamicModule {
    return {
      module: CarrierEventModule,
      controllers: [CarrierEventController, CustomsDecisionConsumer],
      providers: [
        { provide: CUSTOMS_GATE, useValue: customsGate },
        CarrierEventRepository,
        CarrierEventService,
        CustomsDecisionService,
      ],
    };
  }
}
