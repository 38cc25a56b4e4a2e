import { Conflict } from '@lib/errors';

/** A feed notification is not delivered anywhere: a client reads the feed again instead. */
export class NotReplayable extends Conflict {
  constructor() {
    super(
      'NOT_REPLAYABLE',
      'a feed notification is not delivered anywhere; read the feed again from an earlier Last-Event-ID',
    );
  }
}

/** A replay starts a new round only once the current one has ended (delivered or failed). */
export class DeliveryInProgress extends Conflict {
  constructor() {
    super('DELIVERY_IN_PROGRESS', 'this notification is still being delivered');
  }
}
