export * from './balancer';
