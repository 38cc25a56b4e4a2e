import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Language } from '@lib/i18n';

export type SubscriptionChannel = 'webhook' | 'email';

/** A rotated-out signing secret (sealed) and the instant (ISO-8601) until which it still signs. */
export interface PreviousSecret {
  secret: string;
  until: string;
}

/** Where a shipper wants to hear about its cargo: a webhook endpoint or an email address, filtered by event type. */
@Entity({ schema: 'notifications', name: 'subscriptions' })
export class Subscription {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'shipper_id' })
  shipperId!: string;

  @Column({ type: 'text' })
  channel!: SubscriptionChannel;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** Exact types or wildcards (`*`, `customs.*`). */
  @Column({ name: 'event_types', type: 'text', array: true })
  eventTypes!: string[];

  /** The language its notifications are written in (email subject and body): en, ur, ru or kk. */
  @Column({ type: 'text' })
  language!: Language;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason!: string | null;

  /** Sealed (SecretBox); never leaves the service except once, to its owner, on creation or rotation. */
  @Column({ type: 'text', nullable: true, select: false })
  secret!: string | null;

  /** Rotated-out secrets (sealed), each signing until its own `until`; expired ones are pruned at the next rotation. */
  @Column({ name: 'previous_secrets', type: 'jsonb', select: false })
  previousSecrets!: PreviousSecret[];

  /** When the last of the previous secrets stops signing. */
  @Column({ name: 'previous_secret_until', type: 'timestamptz', nullable: true })
  previousSecretUntil!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
