import { loadCustomsConfig } from '../src/customs.config';
import { CustomsModule } from '../src/customs.module';

/** The customs service as its tests boot it (in-process, on a test stack's environment). */
export const customsModule = (env: NodeJS.ProcessEnv) => CustomsModule.forRoot(loadCustomsConfig(env));
