/** Every BullMQ queue of the system with its job names and data (ids may not contain ':'). */
export const QUEUES = {
  shipmentFollowUps: 'shipment-follow-ups',
  customsFollowUps: 'customs-follow-ups',
} as const;

export interface FollowUpJob {
  followUpId: string;
  traceparent?: string;
}

export const JOBS = {
  followUpDue: 'follow-up-due',
} as const;
