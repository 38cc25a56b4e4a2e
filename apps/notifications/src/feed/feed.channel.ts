/**
 * The Postgres NOTIFY channel on which consumers announce committed feed notifications (payload: the
 * shipper id). It wakes the FeedSequencer, which gives them their feed position.
 */
export const FEED_CHANNEL = 'notifications_feed';

/** The NOTIFY channel that tells live feed readers a shipper's feed has new positions (payload: the shipper id). */
export const FEED_NUMBERED_CHANNEL = 'notifications_feed_numbered';
