import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@lib/database';
import { loadNotificationsConfig } from '../notifications.config';
import { migrations } from './migrations';

/** For the TypeORM CLI (e.g. `typeorm migration:show -d dist/apps/notifications/database/data-source.js`). */
const config = loadNotificationsConfig();
export default new DataSource(dataSourceOptions({ url: config.database.url, schema: 'notifications', migrations }));
