import { Module, type DynamicModule } from '@nestjs/common';
import { FeedController } from './feed.controller';
import { FeedListener } from './feed.listener';
import { FeedSequencer } from './feed.sequencer';
import { FeedService } from './feed.service';

@Module({})
export class FeedModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: FeedModule,
      controllers: [FeedController],
      providers: [
        { provide: FeedListener, useFactory: () => new FeedListener(databaseUrl) },
        FeedSequencer,
        FeedService,
      ],
    };
  }
}
