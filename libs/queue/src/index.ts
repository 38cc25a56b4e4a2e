export * from './queue.module';
export * from './job-sleep';
export * from './queue-registry';
