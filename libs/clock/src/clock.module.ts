import { DynamicModule, Global, Module } from '@nestjs/common';
import { CLOCK, type ClockConfig } from './clock';
import { SystemClock } from './system-clock';

/** Provides CLOCK everywhere; tests swap it with `overrideProvider(CLOCK).useValue(new TestClock(…))`. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(config: ClockConfig): DynamicModule {
    return {
      module: ClockModule,
      providers: [{ provide: CLOCK, useFactory: () => new SystemClock(config) }],
      exports: [CLOCK],
    };
  }
}
