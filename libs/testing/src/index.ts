export * from './child-service';
export * from './describe-service-health';
export * from './eventually';
export * from './test-database';
export * from './test-service';
export * from './test-stack';
export * from './test-topics';
export * from './unique';
