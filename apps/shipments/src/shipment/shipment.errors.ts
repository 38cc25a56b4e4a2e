import { Conflict, InvalidInput, NotFound, type FieldError } from '@lib/errors';

/**
 * The booking cannot be routed as asked; each refused field says why. Refused for a closed crossing,
 * it carries the corridors still open (`alternatives`) so the shipper can book one of them instead.
 */
export class BookingRefused extends InvalidInput {
  constructor(errors: FieldError[], alternatives?: string[]) {
    super(errors, alternatives ? { alternatives } : {});
  }
}

/** No such shipment, or not the caller's (the same answer, on purpose). */
export class ShipmentNotFound extends NotFound {
  constructor(id: string) {
    super(`shipment ${id} not found`);
  }
}

export class AlreadyCancelled extends Conflict {
  constructor() {
    super('ALREADY_CANCELLED', 'the shipment is already cancelled');
  }
}

export class DeliveredNotCancellable extends Conflict {
  constructor() {
    super('SHIPMENT_DELIVERED', 'a delivered shipment cannot be cancelled');
  }
}

/** Once a leg has an actual event the cargo is out of the shipper's hands. */
export class AlreadyInTransit extends Conflict {
  constructor() {
    super(
      'ALREADY_IN_TRANSIT',
      'the cargo has started moving; cancel with the carrier and report an exception instead',
    );
  }
}
