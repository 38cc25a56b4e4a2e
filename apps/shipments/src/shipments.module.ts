import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@lib/bootstrap';
import { migrations } from './database/migrations';
import type { ShipmentsConfig } from './shipments.config';

@Module({})
export class ShipmentsModule {
  static forRoot(config: ShipmentsConfig): DynamicModule {
    return {
      module: ShipmentsModule,
      imports: [ServicePlatformModule.forRoot(config, { migrations })],
    };
  }
}
