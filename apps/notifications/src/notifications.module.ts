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
        ServicePlatformModule.forRoot(config, { migrations, entities: [Notification], publishes: 'notifications', openApi: { title: 'Notifications API', description: 'What shippers are told about their cargo: notifications per event, over webhooks, email and a live feed. Publishes notification.* events.', version: '1' } }),
        NotificationModule,
      ],
    };
  }
}
