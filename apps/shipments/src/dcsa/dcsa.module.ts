import { Module } from '@nestjs/common';
import { DcsaController } from './dcsa.controller';
import { DcsaService } from './dcsa.service';

/** DCSA Track & Trace 2.2: GET /v2/events. Inbound DCSA events are read by the carrier events module. */
@Module({
  controllers: [DcsaController],
  providers: [DcsaService],
})
export class DcsaModule {}
