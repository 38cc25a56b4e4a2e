export * from './catalogue';
export * from './crossing.events';
export * from './customs.events';
export * from './notification.events';
export * from './shipment.events';
