import { Module } from '@nestjs/common';
import { DeadLettersModule } from '../dead-letters/dead-letters.module';
import { KafkaBrowserModule } from '../kafka-browser/kafka-browser.module';
import { SessionModule } from '../session/session.module';
import { ServiceApi } from './service-api';
import { ShipmentViewController } from './shipment-view.controller';
import { ShipmentViewService } from './shipment-view.service';

/**
 * One shipment: its state, legs, customs, timeline and notifications from the services' APIs, beside its Kafka facts;
 * replay a notification.
 */
@Module({
  imports: [SessionModule, KafkaBrowserModule, DeadLettersModule],
  controllers: [ShipmentViewController],
  providers: [ServiceApi, ShipmentViewService],
})
export class ShipmentViewModule {}
