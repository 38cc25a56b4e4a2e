import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@lib/bootstrap';
import type { CustomsConfig } from './customs.config';
import { migrations } from './database/migrations';
import { Declaration } from './declaration/declaration.entity';
import { ShipmentDocument } from './declaration/shipment-document.entity';
import { declarationFollowUpModule } from './declaration/declaration.follow-up.module';
import { DeclarationModule } from './declaration/declaration.module';

@Module({})
export class CustomsModule {
  static forRoot(config: CustomsConfig): DynamicModule {
    const followUps = declarationFollowUpModule(config.followUps, {
      intervalMs: config.followUps.sweepIntervalMs,
      redisUrl: config.redis.url,
    });
    return {
      module: CustomsModule,
      imports: [
        ServicePlatformModule.forRoot(config, {
          migrations,
          entities: [Declaration, ShipmentDocument],
          publishes: 'customs',
          openApi: {
            title: 'Customs API',
            description:
              'Declarations and clearance at every border crossing and port on the route, ' +
              'for customs brokers and officers. Publishes customs.* events.',
            version: '1',
          },
        }),
        DeclarationModule.forRoot(config.greenChannel, followUps, config.followUps),
        followUps,
      ],
    };
  }
}
