import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@lib/bootstrap';
import type { CustomsConfig } from './customs.config';
import { migrations } from './database/migrations';
import { Declaration } from './declaration/declaration.entity';
import { DeclarationModule } from './declaration/declaration.module';

@Module({})
export class CustomsModule {
  static forRoot(config: CustomsConfig): DynamicModule {
    return {
      module: CustomsModule,
      imports: [ServicePlatformModule.forRoot(config, { migrations, entities: [Declaration], publishes: 'customs' }), DeclarationModule],
    };
  }
}
