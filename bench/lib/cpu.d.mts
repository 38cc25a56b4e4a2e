export interface CpuPerEvent {
  perPart: Record<string, number>;
  total: number;
  ceilingPerSec: number | undefined;
  events: number;
}
export declare function cpuSnapshot(stack: {
  pids(): Record<string, number>;
  kafkaPids?: () => number[];
}): Record<string, number>;
export declare function cpuPerEvent(
  before: Record<string, number>,
  after: Record<string, number>,
  events: number,
): CpuPerEvent;
export declare function describeCpu(cpu: CpuPerEvent): string;
