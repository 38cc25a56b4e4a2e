import { Module } from '@nestjs/common';
import { NotificationConsumer } from './notification.consumer';
import { NotificationController } from './notification.controller';
import { NotificationService } from './notification.service';

@Module({
  controllers: [NotificationController, NotificationConsumer],
  providers: [NotificationService],
  exports: [NotificationService],
})
export class NotificationModule {}
