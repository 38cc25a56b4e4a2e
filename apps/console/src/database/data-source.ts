import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@lib/database';
import { loadConsoleConfig } from '../console.config';
import { migrations } from './migrations';

/** For the TypeORM CLI (e.g. `typeorm migration:show -d dist/apps/console/src/database/data-source.js`). */
const config = loadConsoleConfig();
export default new DataSource(dataSourceOptions({ url: config.database.url, schema: 'console', migrations }));
