export * from './events';
export * from './topics';
export * from './queues';
