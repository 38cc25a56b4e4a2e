export * from './http-app';
export * from './run-main';
export * from './service-platform.module';
