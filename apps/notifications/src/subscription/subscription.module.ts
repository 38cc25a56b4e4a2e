import { Module, type DynamicModule } from '@nestjs/common';
import { SubscriptionChangesListener } from './subscription-changes.listener';
import { SubscriptionCache } from './subscription.cache';
import { SubscriptionController } from './subscription.controller';
import { SUBSCRIPTION_SETTINGS, SubscriptionService, type SubscriptionSettings } from './subscription.service';

@Module({})
export class SubscriptionModule {
  static forRoot(settings: SubscriptionSettings): DynamicModule {
    return {
      module: SubscriptionModule,
      controllers: [SubscriptionController],
      providers: [
        { provide: SUBSCRIPTION_SETTINGS, useValue: settings },
        { provide: SubscriptionCache, useValue: new SubscriptionCache() },
        {
          provide: SubscriptionChangesListener,
          useFactory: (cache: SubscriptionCache) => new SubscriptionChangesListener(settings.databaseUrl, cache),
          inject: [SubscriptionCache],
        },
        SubscriptionService,
      ],
      exports: [SubscriptionService],
    };
  }
}
