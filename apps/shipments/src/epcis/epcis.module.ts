import { Module } from '@nestjs/common';
import { EpcisController } from './epcis.controller';
import { EpcisService } from './epcis.service';

/** GS1 EPCIS 2.0 export of a shipment's history, for shippers' traceability systems. */
@Module({ controllers: [EpcisController], providers: [EpcisService] })
export class EpcisModule {}
