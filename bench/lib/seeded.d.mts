export declare function seededIdSql(number: string): string;
export declare const SEEDED_ID_SQL: string;
export declare const SEEDED_TRACKING_NUMBER_SQL: string;
export declare function seededShipmentId(i: number): string;
export declare function seededTrackingNumber(i: number): string;
export declare function chunks(from: number, to: number, size: number): [number, number][];
