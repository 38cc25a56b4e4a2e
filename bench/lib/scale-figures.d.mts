export declare const SCALE_HEADER: string[];
export interface ScaleConfig {
  instances: number;
  brokers: number;
  label: string;
}
export declare function parseConfigs(text: string): ScaleConfig[];
export declare function foldInstances(perPart: Record<string, number>): Record<string, number>;
/** The results as bench/scale.mjs collects them (see bench/lib/scale-figures.mjs for their shapes). */
export declare function scaleRows(results: Record<string, unknown>): string[][];
