export * from './closure-calendar';
export * from './corridors';
export * from './corridors.data';
export * from './commodities';
export * from './commodities.data';
export * from './places.data';
export * from './schedule';
export * from './seasons.data';
