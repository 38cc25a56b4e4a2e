export * from './events';
export * from './topics';
