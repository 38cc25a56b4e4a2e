export * from './catalogue';
export * from './customs.events';
export * from './notification.events';
export * from './shipment.events';
