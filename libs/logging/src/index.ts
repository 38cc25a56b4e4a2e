export * from './logging.module';
export * from './access-log';
export { Logger as PinoLogger } from 'nestjs-pino';
