import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@lib/messaging';
import { EtaModule } from '../eta/eta.module';
import { FOLLOW_UP_SETTINGS, type FollowUpSettings } from '../follow-up/follow-up.plan';
import { CarrierEventController } from './carrier-event.controller';
import { CarrierEventRepository } from './carrier-event.repository';
import { CUSTOMS_GATE, CarrierEventService } from './carrier-event.service';

@Module({})
export class CarrierEventModule {
  /** `followUps`: the app's configured follow-ups module (one instance), whose FollowUps plan a leg's checks. */
  static forRoot(customsGate: boolean, followUps: DynamicModule, followUpSettings: FollowUpSettings): DynamicModule {
    return {
      module: CarrierEventModule,
      imports: [MessagingModule, followUps, EtaModule],
      controllers: [CarrierEventController],
      providers: [
        { provide: CUSTOMS_GATE, useValue: customsGate },
        { provide: FOLLOW_UP_SETTINGS, useValue: followUpSettings },
        CarrierEventRepository,
        CarrierEventService,
      ],
    };
  }
}
