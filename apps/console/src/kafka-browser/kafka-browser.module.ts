import { Module } from '@nestjs/common';
import { KafkaModule } from '@lib/messaging';
import { SessionModule } from '../session/session.module';
import { KafkaBrowserController } from './kafka-browser.controller';
import { KafkaBrowserService } from './kafka-browser.service';

/** The Kafka browser: recent records of any project topic, and one shipment's facts across them. */
@Module({
  imports: [SessionModule, KafkaModule],
  controllers: [KafkaBrowserController],
  providers: [KafkaBrowserService],
  exports: [KafkaBrowserService],
})
export class KafkaBrowserModule {}
