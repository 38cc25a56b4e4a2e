import { Conflict, InvalidInput, NotFound } from '@lib/errors';

/** No subscription by that id among the shipper's own (another shipper's answers the same). */
export class SubscriptionNotFound extends NotFound {
  /** `channel`: when only a subscription of that channel would do (a secret belongs to a webhook). */
  constructor(id: string, channel?: 'webhook') {
    super(`${channel ? `${channel} ` : ''}subscription ${id} not found`);
  }
}

/** A change to a field the subscription's channel does not have (an email subscription has no url). */
export class FieldNotOfChannel extends InvalidInput {
  constructor(field: 'url' | 'email') {
    super([
      {
        field,
        reason: field === 'url' ? 'only a webhook subscription has a url' : 'only an email subscription has an address',
      },
    ]);
  }
}

/** A webhook url the address policy refuses (not http(s), credentials, a private or metadata address …). */
export class WebhookUrlRefused extends InvalidInput {
  constructor(reason: string) {
    super([{ field: 'url', reason }]);
  }
}

/** As many rotated-out secrets still sign as a webhook may carry; the next rotation waits for the first to expire. */
export class TooManyRotations extends Conflict {
  constructor(maxPreviousSecrets: number, nextExpiry: Date) {
    super(
      'TOO_MANY_ROTATIONS',
      `${maxPreviousSecrets} rotated-out secrets still sign; ` +
        `rotate again after ${nextExpiry.toISOString()}, when the first of them expires`,
    );
  }
}

/** The shipper has as many subscriptions as it may. */
export class SubscriptionLimitReached extends Conflict {
  constructor(max: number, count: number) {
    super(
      'SUBSCRIPTION_LIMIT_REACHED',
      `a shipper may have at most ${max} subscriptions (it has ${count}); delete one first`,
    );
  }
}
