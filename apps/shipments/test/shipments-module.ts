import { loadShipmentsConfig } from '../src/shipments.config';
import { ShipmentsModule } from '../src/shipments.module';

/** The shipments service as its tests boot it (in-process, on a test stack's environment). */
export const shipmentsModule = (env: NodeJS.ProcessEnv) => ShipmentsModule.forRoot(loadShipmentsConfig(env));
