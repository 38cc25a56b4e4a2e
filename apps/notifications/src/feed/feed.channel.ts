/** The Postgres NOTIFY channel that tells live feed readers a shipper has something new (payload: the shipper id). */
export const FEED_CHANNEL = 'notifications_feed';
