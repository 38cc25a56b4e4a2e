/** Every BullMQ queue of the system with its job names and data (ids may not contain ':'). */
export const QUEUES = {
  shipmentFollowUps: 'shipment-follow-ups',
  customsFollowUps: 'customs-follow-ups',
  notificationDeliveries: 'notification-deliveries',
} as const;

export interface FollowUpJob {
  followUpId: string;
  traceparent?: string;
}

/** One attempt at delivering a webhook or email notification; a replay starts a new round. */
export interface DeliveryJob {
  notificationId: string;
  round: number;
  attempt: number;
  traceparent?: string;
}

export const JOBS = {
  followUpDue: 'follow-up-due',
  deliveryDue: 'delivery-due',
} as const;
