import 'reflect-metadata';
import { runService } from '@lib/bootstrap';
import { loadCustomsConfig } from './customs.config';
import { CustomsModule } from './customs.module';

runService(
  'customs',
  () => loadCustomsConfig(),
  (config) => CustomsModule.forRoot(config),
);
