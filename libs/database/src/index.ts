export * from './data-source-options';
export * from './database.module';
export * from './migrate';
export * from './ambient-transaction';
export * from './sql-params';
export * from './prepared-query';
export * from './pg-listener';
