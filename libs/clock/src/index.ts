export { CLOCK, type Clock, type ClockConfig } from './clock';
export * from './clock.module';
export * from './system-clock';
export * from './test-clock';
