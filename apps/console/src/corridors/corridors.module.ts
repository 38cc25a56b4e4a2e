import { Module } from '@nestjs/common';
import { DeadLettersModule } from '../dead-letters/dead-letters.module';
import { SessionModule } from '../session/session.module';
import { ServiceApi } from '../shipment-view/service-api';
import { CorridorsController } from './corridors.controller';
import { CorridorsService } from './corridors.service';

/** The six corridors drawn live with the cargo on them, and the crossings' closures and openings. */
@Module({
  imports: [SessionModule, DeadLettersModule],
  controllers: [CorridorsController],
  providers: [ServiceApi, CorridorsService],
})
export class CorridorsModule {}
