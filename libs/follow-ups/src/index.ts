export * from './follow-up';
export * from './follow-ups.module';
export * from './follow-ups.service';
export * from './follow-ups.table';
export * from './recovery-sweep';
