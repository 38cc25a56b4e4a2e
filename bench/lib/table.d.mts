export declare function formatNumber(value: number | undefined | null): string;
export declare function formatRatio(
  kind: 'rate' | 'latency',
  bound: number | undefined,
  project: number | undefined,
): string;
export declare function formatTarget(
  target: { atLeast?: number; atMost?: number; unit?: string } | undefined,
  value: number | undefined | null,
): string;
export declare function markdownTable(header: string[], rows: (string | undefined)[][]): string;
export declare function formatFlat(limitPercent: number, changes: (number | undefined)[]): string;
export declare function formatChange(percent: number | undefined | null): string;
