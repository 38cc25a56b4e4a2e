import { Module } from '@nestjs/common';
import { CorridorBoardController } from './corridor-board.controller';
import { CorridorBoardService } from './corridor-board.service';

@Module({ controllers: [CorridorBoardController], providers: [CorridorBoardService] })
export class CorridorBoardModule {}
