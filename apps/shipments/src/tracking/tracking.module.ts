import { Module, type DynamicModule } from '@nestjs/common';
import { PUBLIC_BASE_URL, PublicUrls } from './public-url';
import { ShareLinkStore } from './share-link.store';
import { ShareLinksController } from './share-links.controller';
import { ShareLinkService } from './share-links.service';
import { TrackingController } from './tracking.controller';

/** Share links and the public tracking page they open (/t/<token>), live over SSE. */
@Module({})
export class TrackingModule {
  static forRoot(publicBaseUrl: string | undefined): DynamicModule {
    return {
      module: TrackingModule,
      controllers: [ShareLinksController, TrackingController],
      providers: [ShareLinkStore, ShareLinkService, PublicUrls, { provide: PUBLIC_BASE_URL, useValue: publicBaseUrl }],
    };
  }
}
