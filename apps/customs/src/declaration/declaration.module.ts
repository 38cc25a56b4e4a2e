import { Module, type DynamicModule } from '@nestjs/common';
import type { GreenChannel } from '../customs.config';
import { DeclarationConsumer } from './declaration.consumer';
import { DeclarationController } from './declaration.controller';
import { DeclarationService, GREEN_CHANNEL } from './declaration.service';

@Module({})
export class DeclarationModule {
  static forRoot(greenChannel: GreenChannel): DynamicModule {
    return {
      module: DeclarationModule,
      controllers: [DeclarationController, DeclarationConsumer],
      providers: [{ provide: GREEN_CHANNEL, useValue: greenChannel }, DeclarationService],
      exports: [DeclarationService],
    };
  }
}
