import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@lib/bootstrap';
import { migrations } from './database/migrations';
import { Notification } from './notification/notification.entity';
import { NotificationModule } from './notification/notification.module';
import type { NotificationsConfig } from './notifications.config';

@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsConfig): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [
        ServicePlatformModule.forRoot(config, { migrations, entities: [Notification], publishes: 'notifications' }),
        NotificationModule,
      ],
    };
  }
}
