/** Payloads of the events the notifications service publishes on `notifications.events.v1`. */

export interface NotificationOutcome {
  notificationId: string;
  shipmentId: string;
  shipperId: string;
  channel: 'webhook' | 'email' | 'feed';
  sourceEventId: string;
  sourceEventType: string;
  attempts: number;
}

export type NotificationDelivered = NotificationOutcome;
export interface NotificationFailed extends NotificationOutcome {
  error: string;
}

export interface NotificationEvents {
  'notification.delivered': NotificationDelivered;
  'notification.failed': NotificationFailed;
}
