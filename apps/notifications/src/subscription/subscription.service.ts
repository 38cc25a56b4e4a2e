import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@lib/clock';
import { inTransaction, whenCommitted } from '@lib/database';
import type { Language } from '@lib/i18n';
import { urlProblem, type AddressPolicy } from '../webhook/address-policy';
import { generateWebhookSecret } from '../webhook/standard-webhooks';
import type { CreateSubscription, UpdateSubscription } from './dto/subscription.dto';
import { matchesEventType } from './event-filter';
import { SecretBox } from './secret-box';
import { MAX_PREVIOUS_SECRETS, retire, stillSigning } from './secret-rotation';
import { SubscriptionCache, type ActiveSubscription } from './subscription.cache';
import { Subscription, type PreviousSecret } from './subscription.entity';
import {
  FieldNotOfChannel,
  SubscriptionLimitReached,
  SubscriptionNotFound,
  TooManyRotations,
  WebhookUrlRefused,
} from './subscription.errors';

export const SUBSCRIPTION_SETTINGS = Symbol('SUBSCRIPTION_SETTINGS');

export interface SubscriptionSettings {
  policy: AddressPolicy;
  secretGraceMs: number;
  secretKey: string;
  /** Subscriptions one shipper may have (enabled or not). */
  maxPerShipper: number;
  /** For the connection that LISTENs for subscription changes. */
  databaseUrl: string;
}

/**
 * A shipper's subscriptions: webhook endpoints (with a generated `whsec_` secret, sealed at rest)
 * and email addresses, each with event-type filters. A shipper sees and changes only its own.
 * Events read the enabled ones through a cache that every committed change empties for its shipper
 * (SubscriptionCache: a trigger's NOTIFY, and at once here for changes made through this instance).
 */
@Injectable()
export class SubscriptionService {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SUBSCRIPTION_SETTINGS) private readonly settings: SubscriptionSettings,
    private readonly cache: SubscriptionCache,
  ) {
    this.box = new SecretBox(settings.secretKey);
  }

  /** `language`: the body's, else the one the request's Accept-Language negotiated. */
  async create(
    shipperId: string,
    input: CreateSubscription,
    language: Language,
  ): Promise<{ subscription: Subscription; secret?: string }> {
    const secret = input.channel === 'webhook' ? generateWebhookSecret() : undefined;
    if (input.channel === 'webhook') this.checkUrl(input.url);
    const subscription = this.repository.create({
      id: randomUUID(),
      shipperId,
      channel: input.channel,
      url: input.channel === 'webhook' ? input.url : null,
      email: input.channel === 'email' ? input.email : null,
      description: input.description ?? null,
      eventTypes: input.eventTypes,
      language: input.language ?? language,
      enabled: true,
      disabledReason: null,
      secret: secret ? this.box.seal(secret) : null,
      previousSecrets: [],
      previousSecretUntil: null,
      updatedAt: this.clock.now(),
    });
    await inTransaction(this.dataSource, async (manager) => {
      await this.checkRoomFor(manager, shipperId);
      await manager.insert(Subscription, subscription);
    });
    await whenCommitted(() => this.cache.changed(shipperId));
    return { subscription, secret };
  }

  async list(shipperId: string): Promise<Subscription[]> {
    return this.repository.find({ where: { shipperId }, order: { createdAt: 'ASC' } });
  }

  async get(shipperId: string, id: string): Promise<Subscription> {
    const subscription = await this.repository.findOneBy({ id, shipperId });
    if (!subscription) throw new SubscriptionNotFound(id);
    return subscription;
  }

  async update(shipperId: string, id: string, change: UpdateSubscription): Promise<Subscription> {
    const updated = await inTransaction(this.dataSource, async (manager) => {
      const subscription = await manager.findOneBy(Subscription, { id, shipperId });
      if (!subscription) throw new SubscriptionNotFound(id);
      if (change.url !== undefined) {
        if (subscription.channel !== 'webhook') throw new FieldNotOfChannel('url');
        this.checkUrl(change.url);
      }
      if (change.email !== undefined && subscription.channel !== 'email') throw new FieldNotOfChannel('email');
      const changed = {
        ...change,
        // Enabling again clears why it was disabled (e.g. the endpoint answered 410).
        ...(change.enabled === true
          ? { disabledReason: null }
          : change.enabled === false
            ? { disabledReason: 'disabled by the shipper' }
            : {}),
        updatedAt: this.clock.now(),
      };
      await manager.update(Subscription, { id, shipperId }, changed);
      return { ...subscription, ...changed };
    });
    await whenCommitted(() => this.cache.changed(shipperId));
    return updated;
  }

  async remove(shipperId: string, id: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const { affected } = await manager.delete(Subscription, { id, shipperId });
      if (!affected) throw new SubscriptionNotFound(id);
    });
    await whenCommitted(() => this.cache.changed(shipperId));
  }

  /**
   * A new secret; the old one keeps signing (another signature) until the grace period ends, as do
   * the ones rotated out before it, each until its own expiry.
   */
  async rotateSecret(shipperId: string, id: string): Promise<{ secret: string; previousSecretUntil: Date }> {
    const rotated = await inTransaction(this.dataSource, async (manager) => {
      const [row]: { secret: string | null; previous_secrets: PreviousSecret[] }[] = await manager.query(
        `SELECT secret, previous_secrets FROM "notifications".subscriptions
          WHERE id = $1 AND shipper_id = $2 AND channel = 'webhook' FOR UPDATE`,
        [id, shipperId],
      );
      if (!row?.secret) throw new SubscriptionNotFound(id, 'webhook');
      const now = this.clock.now();
      const retired = retire(row.previous_secrets, row.secret, now, this.settings.secretGraceMs);
      if ('full' in retired) throw new TooManyRotations(MAX_PREVIOUS_SECRETS, retired.nextExpiry);
      const secret = generateWebhookSecret();
      await manager.update(
        Subscription,
        { id },
        {
          secret: this.box.seal(secret),
          previousSecrets: retired.previous,
          previousSecretUntil: retired.until,
          updatedAt: now,
        },
      );
      return { secret, previousSecretUntil: retired.until };
    });
    await whenCommitted(() => this.cache.changed(shipperId));
    return rotated;
  }

  /** The shipper's enabled subscriptions, from the cache; a miss reads through `manager` (a consumer's transaction). */
  async active(shipperId: string, manager: EntityManager = this.dataSource.manager): Promise<ActiveSubscription[]> {
    return this.cache.get(shipperId, () =>
      manager.query(
        `SELECT id, shipper_id AS "shipperId", channel, event_types AS "eventTypes", url, email, language, secret,
                previous_secrets AS "previousSecrets"
         FROM "notifications".subscriptions WHERE shipper_id = $1 AND enabled ORDER BY created_at, id`,
        [shipperId],
      ),
    );
  }

  /** The shipper's enabled subscriptions whose filters take this event type. */
  async matching(manager: EntityManager, shipperId: string, type: string): Promise<ActiveSubscription[]> {
    return (await this.active(shipperId, manager)).filter((s) => matchesEventType(s.eventTypes, type));
  }

  /** The secrets that sign a delivery now: the current one, and every rotated-out one until its own expiry. */
  signingSecrets(subscription: ActiveSubscription): string[] {
    if (!subscription.secret) return [];
    return [
      subscription.secret,
      ...stillSigning(subscription.previousSecrets, this.clock.now()).map((p) => p.secret),
    ].map((sealed) => this.box.open(sealed));
  }

  /** After a 410 Gone: the endpoint asked not to be called again. */
  async disable(manager: EntityManager, id: string, reason: string): Promise<void> {
    await manager.update(Subscription, { id }, { enabled: false, disabledReason: reason, updatedAt: this.clock.now() });
  }

  /**
   * The cap on a shipper's subscriptions; the lock makes concurrent creations count one after another
   * (until commit).
   */
  private async checkRoomFor(manager: EntityManager, shipperId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`subscriptions:${shipperId}`]);
    const [{ n }]: { n: number }[] = await manager.query(
      'SELECT count(*)::int AS n FROM "notifications".subscriptions WHERE shipper_id = $1',
      [shipperId],
    );
    if (n >= this.settings.maxPerShipper) throw new SubscriptionLimitReached(this.settings.maxPerShipper, n);
  }

  private checkUrl(url: string): void {
    const problem = urlProblem(url, this.settings.policy);
    if (problem) throw new WebhookUrlRefused(problem);
  }

  private get repository() {
    return this.dataSource.getRepository(Subscription);
  }
}
