import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiAnswers, Roles } from '@lib/http';
import { commodities } from '@lib/reference-data';

/**
 * The commodity catalogue a booking reads: HS code, carry range (°C, relative humidity), shelf life
 * and season. A perishable booked without its own range is carried at the catalogue's.
 */
@ApiTags('commodities')
@Controller('v1/commodities')
export class CommodityController {
  @Get()
  @Roles('shipper', 'carrier', 'customs_broker', 'customs_officer', 'operator')
  @ApiAnswers({
    status: 200,
    description: 'Every catalogued commodity; `perishable` is absent for dry goods',
    example: { items: commodities.slice(0, 1) },
  })
  list() {
    return { items: commodities };
  }
}
