import { CreateNotificationsSchema1764300000000 } from './1764300000000-CreateNotificationsSchema';
import { CreateMessagingTables1764400000000 } from './1764400000000-CreateMessagingTables';
import { CreateNotifications1764400001000 } from './1764400001000-CreateNotifications';
import { CreateIdempotencyKeys1764500001000 } from './1764500001000-CreateIdempotencyKeys';
import { CreateSubscriptionsAndDeliveries1764800000000 } from './1764800000000-CreateSubscriptionsAndDeliveries';
import { FeedPositions1765100000000 } from './1765100000000-FeedPositions';
import { PreviousSecrets1765100001000 } from './1765100001000-PreviousSecrets';
import { SubscriptionChanges1765200000000 } from './1765200000000-SubscriptionChanges';
import { OutboxWakeWhileRelayAsleep1765400000000 } from './1765400000000-OutboxWakeWhileRelayAsleep';
import { SubscriptionLanguage1766300000000 } from './1766300000000-SubscriptionLanguage';
import { ShipmentPlacesAndRenderedLanguage1766300000001 } from './1766300000001-ShipmentPlacesAndRenderedLanguage';

/** In order; listed by class so the same list works from ts (tests) and from dist. */
export const migrations = [
  CreateNotificationsSchema1764300000000,
  CreateMessagingTables1764400000000,
  CreateNotifications1764400001000,
  CreateIdempotencyKeys1764500001000,
  CreateSubscriptionsAndDeliveries1764800000000,
  FeedPositions1765100000000,
  PreviousSecrets1765100001000,
  SubscriptionChanges1765200000000,
  OutboxWakeWhileRelayAsleep1765400000000,
  SubscriptionLanguage1766300000000,
  ShipmentPlacesAndRenderedLanguage1766300000001,
];
