export declare function seedStatements(from: number, to: number): { text: string; values: unknown[] }[];
export declare function strideFor(shipments: number, events: number): number;
export declare function carrierWriteSetScript(events: number, shipments: number): string;
