export declare const TABLE_HEADER: string[];
/** The phases' results as bench/bench.mjs collects them (see the phase modules for their shapes). */
export declare function figureRows(results: Record<string, unknown>): string[][];
