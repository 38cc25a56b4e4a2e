export * from './smtp-catcher';
export * from './webhook-receiver';
