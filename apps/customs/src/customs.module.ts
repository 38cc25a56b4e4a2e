import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@lib/bootstrap';
import { migrations } from './database/migrations';
import type { CustomsConfig } from './customs.config';

@Module({})
export class CustomsModule {
  static forRoot(config: CustomsConfig): DynamicModule {
    return {
      module: CustomsModule,
      imports: [ServicePlatformModule.forRoot(config, { migrations })],
    };
  }
}
