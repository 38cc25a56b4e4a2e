import type { Language } from '@lib/i18n';
import type { DeliveryChannelName } from './delivery-channel';

/** A webhook or email notification waiting for its next attempt: what sending it and recording it need. */
export interface PendingNotification {
  id: string;
  shipperId: string;
  shipmentId: string;
  sourceEventId: string;
  eventType: string;
  channel: DeliveryChannelName;
  subscriptionId: string | null;
  data: Record<string, unknown>;
  occurredAt: Date | null;
  round: number;
  trackingNumber: string | null;
  commodity: string | null;
  language: Language;
  title: string;
  message: string;
  facts: [label: string, value: string][] | null;
}
