import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@lib/messaging';
import type { GreenChannel } from '../customs.config';
import { DeclarationConsumer } from './declaration.consumer';
import { DeclarationController } from './declaration.controller';
import { DECLARATION_FOLLOW_UP_SETTINGS, type DeclarationFollowUpSettings } from './declaration.follow-ups';
import { DeclarationService, GREEN_CHANNEL } from './declaration.service';
import { ShipmentDocumentsController } from './shipment-documents.controller';

@Module({})
export class DeclarationModule {
  /** `followUps`: the app's configured follow-ups module (one instance); its FollowUps plan deadlines and reminders. */
  static forRoot(
    greenChannel: GreenChannel,
    followUps: DynamicModule,
    followUpSettings: DeclarationFollowUpSettings,
  ): DynamicModule {
    return {
      module: DeclarationModule,
      imports: [MessagingModule, followUps],
      controllers: [DeclarationController, ShipmentDocumentsController, DeclarationConsumer],
      providers: [
        { provide: GREEN_CHANNEL, useValue: greenChannel },
        { provide: DECLARATION_FOLLOW_UP_SETTINGS, useValue: followUpSettings },
        DeclarationService,
      ],
      exports: [DeclarationService],
    };
  }
}
