import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiAnswers, Roles } from '@lib/http';
import { corridorBoardExample } from './corridor-board.example';
import { CorridorBoardService } from './corridor-board.service';

@ApiTags('corridors')
@Controller('v1/corridors')
export class CorridorBoardController {
  constructor(private readonly board: CorridorBoardService) {}

  @Get('board')
  @Roles('operator')
  @ApiAnswers(
    {
      status: 200,
      description:
        'Operators only. Each seed corridor as a schematic (places in forward order, a segment per leg) ' +
        'with where its active shipments are: ' +
        '`booked` (no actual event yet) at their first place, ' +
        '`waiting` at a place (arrived, or reported there but not departed — held by customs at a crossing, say), ' +
        '`forward`/`reverse` on a segment (departed, not arrived), ' +
        '`delivered24h` (last leg arrived within the clock’s last 24 h), ' +
        '`elsewhere` (explicit legs off the schematic)',
      example: corridorBoardExample,
    },
    403,
  )
  get() {
    return this.board.board();
  }
}
