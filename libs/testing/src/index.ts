export * from './test-database';
export * from './test-service';
export * from './test-topics';
export * from './unique';
export * from './describe-service-health';
