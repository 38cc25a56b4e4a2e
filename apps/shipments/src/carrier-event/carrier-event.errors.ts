import { Conflict, DomainError, Forbidden, InvalidInput, NotFound, type FieldError } from '@lib/errors';

/** The event's text does not validate; each field says why. */
export class InvalidEvent extends InvalidInput {
  constructor(errors: FieldError[]) {
    super(errors);
  }
}

/** The carrier's own event id was used before for a different event (the same body is a duplicate instead). */
export class EventIdReused extends InvalidInput {
  constructor() {
    super([{ field: 'eventId', reason: 'already used for a different event' }], {}, 'EVENT_ID_REUSED');
  }
}

/** No shipment by that id or tracking number on a leg the carrier operates. */
export class ShipmentNotOnYourLegs extends NotFound {
  constructor(idOrTrackingNumber: string | undefined) {
    super(`no shipment ${idOrTrackingNumber} on your legs`, 'SHIPMENT_NOT_FOUND');
  }
}

export class TrackingNumberMismatch extends InvalidInput {
  constructor() {
    super([{ field: 'trackingNumber', reason: 'names another shipment than shipmentId' }]);
  }
}

/** CONVENTIONS.md: an `occurredAt` more than 15 minutes ahead of the clock is refused. */
export class OccurredInFuture extends InvalidInput {
  constructor() {
    super([{ field: 'occurredAt', reason: 'more than 15 minutes in the future' }]);
  }
}

export class ShipmentCancelled extends Conflict {
  constructor() {
    super('SHIPMENT_CANCELLED', 'the shipment was cancelled; it takes no more events');
  }
}

export class ShipmentDelivered extends Conflict {
  constructor() {
    super('SHIPMENT_DELIVERED', 'the shipment was delivered; it takes no more events');
  }
}

export class LegNotFound extends NotFound {
  constructor(legSequence: number) {
    super(`the shipment has no leg ${legSequence}`, 'LEG_NOT_FOUND');
  }
}

export class NotLegCarrier extends Forbidden {
  constructor(legSequence: number, legCarrier: string, carrierCode: string) {
    super('NOT_LEG_CARRIER', `leg ${legSequence} is operated by ${legCarrier}, not ${carrierCode}`);
  }
}

/** Leg N takes events once leg N−1 has an actual one. */
export class PreviousLegNotStarted extends Conflict {
  constructor(legSequence: number) {
    super(
      'PREVIOUS_LEG_NOT_STARTED',
      `leg ${legSequence - 1} has no actual event yet; leg ${legSequence} cannot report before it`,
    );
  }
}

export class DeliveryBeforeLastLeg extends Conflict {
  constructor(legCount: number) {
    super('DELIVERY_BEFORE_LAST_LEG', `delivery can only be reported on the last leg (${legCount})`);
  }
}

/**
 * An EST/PLN event with nothing to estimate. Invalid input, but about the event as a whole rather than
 * one field, so it says so in a message (kind `invalid`, no field errors) — as carriers have been told.
 */
export class EstimateWithoutArrivalTime extends DomainError {
  readonly kind = 'invalid';

  constructor() {
    super('ESTIMATE_WITHOUT_ARRIVAL_TIME', 'an EST/PLN event needs estimatedArrival (or must be an arrival)');
  }
}

/** The customs gate: the cargo may not leave the crossing a leg starts at before customs clears it there. */
export class AwaitingClearance extends Conflict {
  constructor(gate: { sequence: number; crossing?: string }, legSequence: number, kind: string) {
    super(
      'AWAITING_CLEARANCE',
      `leg ${gate.sequence} starts at ${gate.crossing}; customs has not cleared the cargo there yet ` +
        `(leg ${legSequence} ${kind} refused)`,
    );
  }
}

/** Customs rejected the cargo at a crossing: nothing moves on from there, ever. */
export class CustomsRejected extends Conflict {
  constructor(crossing: string | undefined, legSequence: number, kind: string) {
    super(
      'CUSTOMS_REJECTED',
      `customs rejected the cargo at ${crossing}; nothing moves on from there (leg ${legSequence} ${kind} refused)`,
    );
  }
}
