import type { Language } from '@lib/i18n';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type NotificationChannel = 'feed' | 'webhook' | 'email';
export type NotificationStatus = 'pending' | 'delivered' | 'failed';

/**
 * One notification per event per channel target: the shipper's feed (always) and each matching
 * subscription. Webhook and email ones are deliveries with a state, a round (a replay starts a new
 * one) and attempts; the id is the `webhook-id`, stable across retries and replays.
 */
@Entity({ schema: 'notifications', name: 'notifications' })
export class Notification {
  @PrimaryColumn('uuid')
  id!: string;

  /** Insert order (not commit order: consumers commit concurrently). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  /**
   * A feed notification's position, given after commit in commit order (FeedSequencer); the SSE id
   * (`Last-Event-ID`).
   */
  @Column({ name: 'feed_seq', type: 'bigint', nullable: true, insert: false, update: false })
  feedSeq!: string | null;

  @Column({ name: 'shipper_id' })
  shipperId!: string;

  @Column({ name: 'shipment_id', type: 'uuid' })
  shipmentId!: string;

  @Column({ name: 'source_event_id', type: 'uuid' })
  sourceEventId!: string;

  @Column({ name: 'event_type' })
  eventType!: string;

  @Column({ type: 'text' })
  channel!: NotificationChannel;

  @Column({ name: 'subscription_id', type: 'uuid', nullable: true })
  subscriptionId!: string | null;

  /** The subscription id, or `feed`: with the source event, what makes a notification unique. */
  @Column({ type: 'text' })
  target!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  message!: string;

  /** The language title and message were written in (the subscription's then); every retry sends them as written. */
  @Column({ type: 'text' })
  language!: Language;

  /** The labelled facts under the sentence (the email's table), as written; null on notifications older than them. */
  @Column({ type: 'jsonb', nullable: true })
  facts!: [label: string, value: string][] | null;

  /** The Standard Webhooks `data`: the event payload plus shipmentId, occurredAt and acceptedAt. */
  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz', nullable: true })
  occurredAt!: Date | null;

  @Column({ type: 'text' })
  status!: NotificationStatus;

  @Column({ type: 'int' })
  round!: number;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
