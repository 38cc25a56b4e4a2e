export * from './languages';
export * from './local-time';
export * from './messages';
