import { Module } from '@nestjs/common';
import { CarrierEventController } from './carrier-event.controller';
import { CarrierEventService } from './carrier-event.service';

@Module({
  controllers: [CarrierEventController],
  providers: [CarrierEventService],
})
export class CarrierEventModule {}
