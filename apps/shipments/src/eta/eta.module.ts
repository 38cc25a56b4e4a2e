import { Module } from '@nestjs/common';
import { EtaService } from './eta.service';
import { EtaStore } from './eta.store';

/** Predicted ETA: the model in Postgres and the predictions made from it, inside the callers' transactions. */
@Module({ providers: [EtaStore, EtaService], exports: [EtaService] })
export class EtaModule {}
