import 'reflect-metadata';
import { runService } from '@lib/bootstrap';
import { loadNotificationsConfig } from './notifications.config';
import { NotificationsModule } from './notifications.module';

runService(
  'notifications',
  () => loadNotificationsConfig(),
  (config) => NotificationsModule.forRoot(config),
);
