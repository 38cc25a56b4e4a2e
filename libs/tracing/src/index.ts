export * from './trace-context';
export * from './trace.interceptor';
export * from './traceparent';
export * from './job-trace';
