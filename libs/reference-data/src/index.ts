export * from './closure-calendar';
export * from './corridors';
export * from './corridors.data';
