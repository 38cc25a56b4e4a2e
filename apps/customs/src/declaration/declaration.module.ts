import { Module } from '@nestjs/common';
import { DeclarationConsumer } from './declaration.consumer';
import { DeclarationController } from './declaration.controller';
import { DeclarationService } from './declaration.service';

@Module({
  controllers: [DeclarationController, DeclarationConsumer],
  providers: [DeclarationService],
  exports: [DeclarationService],
})
export class DeclarationModule {}
