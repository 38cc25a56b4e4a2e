import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { LivenessRoute } from './liveness.route';

/** `/health/live` (LivenessRoute) and `/health/ready` (terminus); needs DatabaseModule, KafkaModule and QueueModule in the app. */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [LivenessRoute],
})
export class HealthModule {}
