import { Module } from '@nestjs/common';
import { CommodityController } from './commodity.controller';

/** The commodity catalogue over HTTP (the data lives in libs/reference-data). */
@Module({ controllers: [CommodityController] })
export class CommodityModule {}
