import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@lib/database';
import { loadCustomsConfig } from '../customs.config';
import { migrations } from './migrations';

/** For the TypeORM CLI (e.g. `typeorm migration:show -d dist/apps/customs/database/data-source.js`). */
const config = loadCustomsConfig();
export default new DataSource(dataSourceOptions({ url: config.database.url, schema: 'customs', migrations }));
