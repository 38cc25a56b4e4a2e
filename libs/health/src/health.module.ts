import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { KafkaModule } from '@lib/messaging';
import { QueueModule } from '@lib/queue';
import { HealthController } from './health.controller';
import { LivenessRoute } from './liveness.route';

/** `/health/live` (LivenessRoute) and `/health/ready` (terminus): Postgres (the app's DataSource), Kafka and Redis. */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), KafkaModule, QueueModule],
  controllers: [HealthController],
  providers: [LivenessRoute],
})
export class HealthModule {}
