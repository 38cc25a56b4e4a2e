import 'reflect-metadata';
import { runService } from '@lib/bootstrap';
import { loadShipmentsConfig } from './shipments.config';
import { ShipmentsModule } from './shipments.module';

runService(
  'shipments',
  () => loadShipmentsConfig(),
  (config) => ShipmentsModule.forRoot(config),
);
