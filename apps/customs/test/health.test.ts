import { describeServiceHealth } from '@lib/testing';
import { loadCustomsConfig } from '../src/customs.config';
import { CustomsModule } from '../src/customs.module';

describeServiceHealth('customs', (env) => CustomsModule.forRoot(loadCustomsConfig(env)));
