export * from './child-service';
export * from './describe-service-health';
export * from './eventually';
export * from './test-database';
export * from './test-database-template';
export * from './test-keys';
export * from './test-service';
export * from './test-stack';
export * from './test-topics';
export * from './unique';
// The stand-in shippers serve the demo too, so they live in their own lib.
export * from '@lib/stand-in-shippers';
