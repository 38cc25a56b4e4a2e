import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@lib/database';
import { loadShipmentsConfig } from '../shipments.config';
import { migrations } from './migrations';

/** For the TypeORM CLI (e.g. `typeorm migration:show -d dist/apps/shipments/database/data-source.js`). */
const config = loadShipmentsConfig();
export default new DataSource(dataSourceOptions({ url: config.database.url, schema: 'shipments', migrations }));
