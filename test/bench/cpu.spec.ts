import { availableParallelism } from 'node:os';
import { cpuPerEvent, describeCpu } from '../../bench/lib/cpu.mjs';

describe('bench: CPU per event', () => {
  it('answers each part’s microseconds per event, their total and the ceiling they allow on this machine', () => {
    const cpu = cpuPerEvent(
      { shipments: 10, postgres: 20, kafka: 1 },
      { shipments: 10.5, postgres: 21, kafka: 1.25, redis: 0.25 },
      1_000,
    );
    expect(cpu.perPart).toEqual({ shipments: 500, postgres: 1_000, kafka: 250, redis: 250 });
    expect(cpu.total).toBe(2_000);
    expect(cpu.ceilingPerSec).toBe(Math.round((availableParallelism() * 1e6) / 2_000));
    expect(describeCpu(cpu)).toMatch(/^postgres 1,000, shipments 500, kafka 250, redis 250 = 2,000 µs CPU per event/);
  });
});
