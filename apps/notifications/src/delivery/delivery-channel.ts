import type { Language } from '@lib/i18n';
import type { NotificationChannel } from '../notification/notification.entity';

/** The channels a notification is delivered on (the feed is not delivered: it is read). */
export type DeliveryChannelName = Exclude<NotificationChannel, 'feed'>;

/** One notification as a channel sends it; the same on every attempt and every replay. */
export interface OutgoingNotification {
  /** The notification id: the `webhook-id`, and the email's Message-ID. */
  id: string;
  eventType: string;
  sourceEventId: string;
  /** The Standard Webhooks `data`. */
  data: Record<string, unknown>;
  occurredAt: Date | null;
  /** How the booking names the cargo, for messages written for people. */
  trackingNumber: string | null;
  commodity: string | null;
  /**
   * What was written for people when the notification was made, in the subscription's language then: the
   * sentence, the text and the facts under it (null on notifications written before facts were kept).
   */
  language: Language;
  title: string;
  message: string;
  facts: [label: string, value: string][] | null;
}

/**
 * Where it goes: the subscription's endpoint or address, and the secrets that sign for it now (webhooks).
 * No language: a notification is written once, in the language its subscription had then, and every
 * retry sends that same text.
 */
export interface DeliveryTarget {
  subscriptionId: string;
  url: string | null;
  email: string | null;
  signingSecrets: string[];
}

/** What one attempt came to. `refused` (a forbidden address) and `gone` (410) are final. */
export interface AttemptResult {
  outcome: 'delivered' | 'failed' | 'refused' | 'gone';
  statusCode?: number;
  latencyMs: number;
  error?: string;
}

/**
 * The port every delivery channel implements: one attempt, never throwing — whatever went wrong is
 * an outcome, which the delivery service records and schedules retries from.
 */
export interface DeliveryChannel {
  readonly name: DeliveryChannelName;
  send(notification: OutgoingNotification, target: DeliveryTarget): Promise<AttemptResult>;
  close(): Promise<void>;
}

/** All delivery channels (an array of DeliveryChannel), one per name. */
export const DELIVERY_CHANNELS = Symbol('DELIVERY_CHANNELS');
