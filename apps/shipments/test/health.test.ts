import { describeServiceHealth } from '@lib/testing';
import { loadShipmentsConfig } from '../src/shipments.config';
import { ShipmentsModule } from '../src/shipments.module';

describeServiceHealth('shipments', (env) => ShipmentsModule.forRoot(loadShipmentsConfig(env)));
