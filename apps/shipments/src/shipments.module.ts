import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@lib/bootstrap';
import { migrations } from './database/migrations';
import { CarrierEventModule } from './carrier-event/carrier-event.module';
import { CommodityModule } from './commodity/commodity.module';
import { CorridorBoardModule } from './corridor-board/corridor-board.module';
import { CustomsGateModule } from './customs-gate/customs-gate.module';
import { DcsaModule } from './dcsa/dcsa.module';
import { EpcisModule } from './epcis/epcis.module';
import { followUpModule } from './follow-up/follow-up.module';
import { CrossingOverride } from './crossing/crossing-override.entity';
import { ShipmentModule } from './shipment/shipment.module';
import { Shipment } from './shipment/shipment.entity';
import { TrackingModule } from './tracking/tracking.module';
import type { ShipmentsConfig } from './shipments.config';

@Module({})
export class ShipmentsModule {
  static forRoot(config: ShipmentsConfig): DynamicModule {
    const followUps = followUpModule(config.followUps, {
      intervalMs: config.followUps.sweepIntervalMs,
      redisUrl: config.redis.url,
    });
    return {
      module: ShipmentsModule,
      imports: [
        ServicePlatformModule.forRoot(config, {
          migrations,
          entities: [Shipment, CrossingOverride],
          publishes: 'shipments',
          openApi: {
            title: 'Shipments API',
            description:
              'Shippers book multimodal shipments between Kazakhstan and Pakistan and follow them; ' +
              'carriers post status events per leg. Publishes shipment.* events.',
            version: '1',
          },
        }),
        ShipmentModule.forRoot(config.crossingOverrides),
        CarrierEventModule.forRoot(config.customsGate, followUps, config.followUps),
        CustomsGateModule,
        CorridorBoardModule,
        CommodityModule,
        EpcisModule,
        DcsaModule,
        TrackingModule.forRoot(config.publicBaseUrl),
        followUps,
      ],
    };
  }
}
