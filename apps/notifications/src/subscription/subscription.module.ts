import { Module, type DynamicModule } from '@nestjs/common';
import { SubscriptionController } from './subscription.controller';
import { SUBSCRIPTION_SETTINGS, SubscriptionService, type SubscriptionSettings } from './subscription.service';

@Module({})
export class SubscriptionModule {
  static forRoot(settings: SubscriptionSettings): DynamicModule {
    return {
      module: SubscriptionModule,
      controllers: [SubscriptionController],
      providers: [{ provide: SUBSCRIPTION_SETTINGS, useValue: settings }, SubscriptionService],
      exports: [SubscriptionService],
    };
  }
}
