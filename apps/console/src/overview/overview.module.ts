import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@lib/contracts';
import { KafkaModule } from '@lib/messaging';
import { SessionModule } from '../session/session.module';
import { HealthProbe } from './health.probe';
import { KafkaProbe } from './kafka.probe';
import { OutboxProbe } from './outbox.probe';
import { OverviewController } from './overview.controller';
import { OverviewSampler } from './overview.sampler';
import { QueueProbe } from './queue.probe';

/** The live overview: probes of the running system, the in-memory history, the page and its stream. */
@Module({
  imports: [SessionModule, KafkaModule, ...Object.values(QUEUES).map((name) => BullModule.registerQueue({ name }))],
  controllers: [OverviewController],
  providers: [HealthProbe, KafkaProbe, OutboxProbe, QueueProbe, OverviewSampler],
  exports: [OverviewSampler],
})
export class OverviewModule {}
