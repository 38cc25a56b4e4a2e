import { describeServiceHealth } from '@lib/testing';
import { loadNotificationsConfig } from '../src/notifications.config';
import { NotificationsModule } from '../src/notifications.module';

describeServiceHealth('notifications', (env) => NotificationsModule.forRoot(loadNotificationsConfig(env)));
