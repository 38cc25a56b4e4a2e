import { Injectable, Inject, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CLOCK, type Clock } from './clock';
import { ClockModule } from './clock.module';
import { SystemClock } from './system-clock';
import { TestClock } from './test-clock';

@Injectable()
class Stamper {
  constructor(@Inject(CLOCK) readonly clock: Clock) {}
}

@Module({ providers: [Stamper] })
class FeatureModule {}

describe('ClockModule', () => {
  it('provides a SystemClock from the config to every module', async () => {
    const app = await Test.createTestingModule({
      imports: [ClockModule.forRoot({ epoch: new Date('2026-05-01T00:00:00Z'), scale: 1200 }), FeatureModule],
    }).compile();
    const { clock } = app.get(Stamper);
    expect(clock).toBeInstanceOf(SystemClock);
    expect(clock.realDurationMs(3_600_000)).toBe(3_000);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2026-05-01T00:00:00Z'));
    await app.close();
  });

  it('lets tests swap in a TestClock', async () => {
    const testClock = new TestClock('2026-05-01T00:00:00Z');
    const app = await Test.createTestingModule({ imports: [ClockModule.forRoot({ scale: 1 }), FeatureModule] })
      .overrideProvider(CLOCK)
      .useValue(testClock)
      .compile();
    expect(app.get(Stamper).clock).toBe(testClock);
    await app.close();
  });
});
