export * from './queue.module';
export * from './job-sleep';
