export * from './metrics.module';
export * from './metrics.registry';
export * from './queue-metrics';
export * from './consumer-lag';
export * from './http-metrics';
export * from './metrics.controller';
