import { Module, type DynamicModule } from '@nestjs/common';
import { NotificationConsumer } from './notification.consumer';
import { NotificationController } from './notification.controller';
import { NotificationService } from './notification.service';
import { ShipmentNames } from './shipment-names';

@Module({})
export class NotificationModule {
  /** Needs the subscriptions (who wants what) and delivery (to hand new notifications over). */
  static forRoot(subscriptions: DynamicModule, delivery: DynamicModule): DynamicModule {
    return {
      module: NotificationModule,
      imports: [subscriptions, delivery],
      controllers: [NotificationController, NotificationConsumer],
      providers: [NotificationService, { provide: ShipmentNames, useFactory: () => new ShipmentNames() }],
    };
  }
}
