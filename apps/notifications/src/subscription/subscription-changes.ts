/** The NOTIFY channel of subscription changes (payload: the shipper id), sent by a trigger at commit. */
export const SUBSCRIPTION_CHANGES_CHANNEL = 'notifications_subscriptions';
