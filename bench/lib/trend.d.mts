export interface RssTrend {
  startMb: number;
  peakMb: number;
  endMb: number;
  firstMb: number;
  lastMb: number;
  growthMb: number;
  growthPercent: number;
}
export declare function rssTrend(
  samples: { at: number; rssMb: Record<string, number | undefined> }[],
  share?: number,
): Record<string, RssTrend>;
export declare function changePercent(reference: number | undefined, value: number | undefined): number | undefined;
