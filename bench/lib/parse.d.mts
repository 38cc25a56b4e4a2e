export interface PgbenchSummary {
  transactions: number;
  failed: number;
  latencyAvgMs: number;
  tps: number;
}
export interface ProducerPerformanceSummary {
  records: number;
  recordsPerSec: number;
  mbPerSec: number;
  avgMs: number;
  maxMs: number;
  p50: number;
  p95: number;
  p99: number;
  p999: number;
}
export declare function parsePgbench(output: string): PgbenchSummary;
export declare function parseProducerPerformance(output: string): ProducerPerformanceSummary;
