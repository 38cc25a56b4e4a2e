import { CreateShipmentsSchema1764300000000 } from './1764300000000-CreateShipmentsSchema';
import { CreateMessagingTables1764400000000 } from './1764400000000-CreateMessagingTables';
import { CreateShipments1764400001000 } from './1764400001000-CreateShipments';
import { CreateIdempotencyKeys1764500001000 } from './1764500001000-CreateIdempotencyKeys';
import { CreateShipmentEvents1764600000000 } from './1764600000000-CreateShipmentEvents';
import { CreateFollowUps1764600001000 } from './1764600001000-CreateFollowUps';
import { FollowUpSubjects1764800000000 } from './1764800000000-FollowUpSubjects';
import { TimelineKeyset1765300000000 } from './1765300000000-TimelineKeyset';
import { OutboxWakeWhileRelayAsleep1765400000000 } from './1765400000000-OutboxWakeWhileRelayAsleep';
import { CreateCrossingOverrides1765500000000 } from './1765500000000-CreateCrossingOverrides';
import { FollowUpDetails1765600000000 } from './1765600000000-FollowUpDetails';
import { ReeferSilenceFollowUps1765700000000 } from './1765700000000-ReeferSilenceFollowUps';
import { CreateEtaModel1765800000000 } from './1765800000000-CreateEtaModel';
import { CreateShareLinks1766000000000 } from './1766000000000-CreateShareLinks';
import { FeedCommitOrder1766200000000 } from './1766200000000-FeedCommitOrder';

/** In order; listed by class so the same list works from ts (tests) and from dist. */
export const migrations = [
  CreateShipmentsSchema1764300000000,
  CreateMessagingTables1764400000000,
  CreateShipments1764400001000,
  CreateIdempotencyKeys1764500001000,
  CreateShipmentEvents1764600000000,
  CreateFollowUps1764600001000,
  FollowUpSubjects1764800000000,
  TimelineKeyset1765300000000,
  OutboxWakeWhileRelayAsleep1765400000000,
  CreateCrossingOverrides1765500000000,
  FollowUpDetails1765600000000,
  ReeferSilenceFollowUps1765700000000,
  CreateEtaModel1765800000000,
  CreateShareLinks1766000000000,
  FeedCommitOrder1766200000000,
];
