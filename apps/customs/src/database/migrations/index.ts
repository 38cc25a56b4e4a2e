import { CreateCustomsSchema1764300000000 } from './1764300000000-CreateCustomsSchema';
import { CreateMessagingTables1764400000000 } from './1764400000000-CreateMessagingTables';
import { CreateDeclarations1764400001000 } from './1764400001000-CreateDeclarations';
import { CreateIdempotencyKeys1764500001000 } from './1764500001000-CreateIdempotencyKeys';
import { DeclarationsPerCrossing1764700000000 } from './1764700000000-DeclarationsPerCrossing';
import { DeclarationFollowUps1764800000000 } from './1764800000000-DeclarationFollowUps';
import { DeclarationListKeyset1765300000000 } from './1765300000000-DeclarationListKeyset';
import { OutboxWakeWhileRelayAsleep1765400000000 } from './1765400000000-OutboxWakeWhileRelayAsleep';
import { FollowUpDetails1765600000000 } from './1765600000000-FollowUpDetails';
import { ShipmentDocuments1765900000000 } from './1765900000000-ShipmentDocuments';

/** In order; listed by class so the same list works from ts (tests) and from dist. */
export const migrations = [
  CreateCustomsSchema1764300000000,
  CreateMessagingTables1764400000000,
  CreateDeclarations1764400001000,
  CreateIdempotencyKeys1764500001000,
  DeclarationsPerCrossing1764700000000,
  DeclarationFollowUps1764800000000,
  DeclarationListKeyset1765300000000,
  OutboxWakeWhileRelayAsleep1765400000000,
  FollowUpDetails1765600000000,
  ShipmentDocuments1765900000000,
];
