export * from './logging.module';
export { Logger as PinoLogger } from 'nestjs-pino';
