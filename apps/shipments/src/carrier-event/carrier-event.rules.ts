import type { EventPayloads, EventType, Place } from '@lib/contracts';
import type { DomainError } from '@lib/errors';
import { LEG_END_OF_KIND, type Classifier, type EventKind } from './carrier-event.kinds';
import { excursionFields, outsideCarry } from './carry-conditions';
import { laterLegStatus, laterShipmentStatus, type LegState, type TrackedShipment } from '../shipment/tracking-state';
import {
  AwaitingClearance,
  CustomsRejected,
  DeliveryBeforeLastLeg,
  EstimateWithoutArrivalTime,
  LegNotFound,
  NotLegCarrier,
  OccurredInFuture,
  PreviousLegNotStarted,
  ShipmentCancelled,
  ShipmentDelivered,
} from './carrier-event.errors';

/** One carrier event, validated and normalised (aliases resolved). */
export interface CarrierEventInput {
  eventId: string;
  legSequence: number;
  kind: EventKind;
  classifier: Classifier;
  occurredAt: string;
  location?: Place;
  crossing?: string;
  reason?: string;
  celsius?: number;
  humidityPercent?: number;
  estimatedArrival?: string;
}

export interface EventContextFacts {
  carrierCode: string;
  acceptedAt: string;
  /** Nothing leaves a crossing before `customs.cleared` for it (the customs gate). */
  customsGate: boolean;
}

/** The event is not accepted; the error says why (carrier-event.errors.ts). */
export interface Refusal {
  accepted: false;
  error: DomainError;
}

export interface Fact<T extends EventType = EventType> {
  type: T;
  data: EventPayloads[T];
}

export interface Acceptance {
  accepted: true;
  shipment: TrackedShipment;
  facts: Fact[];
}

/**
 * What an actual event on a leg that starts at a crossing may report before customs has cleared it:
 * the cargo is at the border (`border_arrival`), or it is about the cargo where it stands (a reading,
 * an exception). Every other kind — gate out, load, departure, border exit, and the arrivals, gate-ins,
 * discharges and delivery that lie beyond — implies the cargo has left the crossing.
 */
const BEFORE_CLEARANCE: ReadonlySet<EventKind> = new Set(['border_arrival', 'temperature', 'exception']);
/** On a later leg even a border arrival means the cargo left the earlier crossing. */
const BEYOND_UNCLEARED: ReadonlySet<EventKind> = new Set(['temperature', 'exception']);

/**
 * The customs gate: the first leg up to and including this one that starts at a crossing whose
 * customs has not cleared the cargo, if this event would have the cargo leave it. A rejection
 * stops the cargo for good: nothing moves on.
 */
function closedGate(legs: LegState[], index: number, kind: EventKind): LegState | undefined {
  return legs
    .slice(0, index + 1)
    .find((leg, i) => leg.crossing && leg.clearance !== 'CLEARED' && leaves(i, index, kind));
}

/** Whether an actual event of this kind on leg `index` means the cargo has left the crossing leg `i` starts at. */
function leaves(i: number, index: number, kind: EventKind): boolean {
  return !(i === index ? BEFORE_CLEARANCE : BEYOND_UNCLEARED).has(kind);
}

/**
 * Marks the crossings this event shows the cargo has left: their clearance has been used, and a
 * customs decision arriving later (a replayed hold, say) can no longer close them again.
 */
function markMovedOn(legs: LegState[], index: number, kind: EventKind): LegState[] {
  return legs.map((leg, i) =>
    i <= index && leg.crossing && !leg.movedOn && leaves(i, index, kind) ? { ...leg, movedOn: true } : leg,
  );
}

const refuse = (error: DomainError): Refusal => ({ accepted: false, error });

/** How far ahead of the clock an `occurredAt` may be (CONVENTIONS.md). */
export const MAX_FUTURE_MS = 15 * 60_000;

/**
 * An event cannot have happened more than 15 minutes from now (CONVENTIONS.md): the margin is for
 * carriers' clocks running a little fast, not for reports of what has yet to happen.
 */
export function occurredInFuture(occurredAt: string, now: Date): OccurredInFuture | undefined {
  return Date.parse(occurredAt) > now.getTime() + MAX_FUTURE_MS ? new OccurredInFuture() : undefined;
}

/**
 * The ingestion rules, as a pure function of the shipment and one event:
 * - a carrier reports only on legs it operates; leg N takes events once leg N−1 has any actual event;
 * - late and out-of-order events are kept and published, but statuses never move backwards;
 * - EST/PLN events move the ETA only;
 * - delivery only on the last leg; nothing after delivery or cancellation;
 * - a reading outside the cargo's carry range (temperature, or humidity where both are known) raises one
 *   excursion per excursion, not per reading;
 * - a leg that starts at a crossing moves on only once customs there has cleared the cargo: before that
 *   it takes a border arrival, readings and exceptions, and after a rejection nothing moves on at all.
 */
export function applyCarrierEvent(
  shipment: TrackedShipment,
  event: CarrierEventInput,
  context: EventContextFacts,
): Refusal | Acceptance {
  if (shipment.status === 'CANCELLED') return refuse(new ShipmentCancelled());
  if (shipment.status === 'DELIVERED') return refuse(new ShipmentDelivered());
  const index = shipment.legs.findIndex((leg) => leg.sequence === event.legSequence);
  if (index < 0) return refuse(new LegNotFound(event.legSequence));
  const leg = shipment.legs[index];
  if (leg.carrier !== context.carrierCode)
    return refuse(new NotLegCarrier(leg.sequence, leg.carrier, context.carrierCode));
  if (index > 0 && !shipment.legs[index - 1].hasActual) return refuse(new PreviousLegNotStarted(leg.sequence));
  const isLast = index === shipment.legs.length - 1;
  if (event.kind === 'delivery' && !isLast) return refuse(new DeliveryBeforeLastLeg(shipment.legs.length));

  const base = {
    shipmentId: shipment.id,
    shipperId: shipment.shipperId,
    legSequence: leg.sequence,
    carrier: context.carrierCode,
    // Without a reported location, the end of the leg the kind happens at.
    location: event.location ?? leg[LEG_END_OF_KIND[event.kind]],
    occurredAt: event.occurredAt,
    acceptedAt: context.acceptedAt,
  };

  if (event.classifier !== 'ACT') {
    const estimate = event.estimatedArrival ?? (event.kind === 'arrival' ? event.occurredAt : undefined);
    if (!estimate) return refuse(new EstimateWithoutArrivalTime());
    const legs = shipment.legs.map((l, i) => (i === index ? { ...l, eta: estimate } : l));
    return {
      accepted: true,
      shipment: { ...shipment, legs },
      facts: [
        {
          type: 'shipment.eta.changed',
          data: {
            shipmentId: shipment.id,
            shipperId: shipment.shipperId,
            legSequence: leg.sequence,
            estimatedArrival: estimate,
            acceptedAt: context.acceptedAt,
            source: 'carrier',
          },
        },
      ],
    };
  }

  if (context.customsGate) {
    const gate = closedGate(shipment.legs, index, event.kind);
    if (gate) {
      return refuse(
        gate.clearance === 'REJECTED'
          ? new CustomsRejected(gate.crossing, leg.sequence, event.kind)
          : new AwaitingClearance(gate, leg.sequence, event.kind),
      );
    }
  }

  const next: LegState = { ...leg, hasActual: true };
  const facts: Fact[] = [];
  let status: TrackedShipment['status'] = shipment.status;
  let inExcursion = shipment.inExcursion;
  switch (event.kind) {
    case 'departure':
    case 'gate_out':
      if (event.kind === 'departure') facts.push({ type: 'shipment.leg.departed', data: base });
      next.status = laterLegStatus(leg.status, 'DEPARTED');
      next.actualDeparture ??= event.occurredAt;
      status = laterShipmentStatus(status, 'IN_TRANSIT');
      break;
    case 'arrival':
    case 'discharge':
    case 'gate_in':
      if (event.kind === 'arrival') facts.push({ type: 'shipment.leg.arrived', data: base });
      next.status = laterLegStatus(leg.status, event.kind === 'arrival' ? 'ARRIVED' : (leg.status ?? 'PLANNED'));
      if (event.kind === 'arrival') next.actualArrival ??= event.occurredAt;
      break;
    case 'load':
      break;
    case 'border_arrival':
      // The cargo is at the crossing this leg starts at: its dwell there runs from now (eta.predictor.ts).
      if (leg.crossing && (!event.crossing || event.crossing === leg.crossing))
        next.atCrossingSince ??= event.occurredAt;
      facts.push({
        type: 'shipment.border.reached',
        data: { ...base, crossing: event.crossing ?? leg.crossing ?? base.location.name },
      });
      break;
    case 'border_exit':
      facts.push({
        type: 'shipment.border.exited',
        data: { ...base, crossing: event.crossing ?? leg.crossing ?? base.location.name },
      });
      break;
    case 'delivery':
      facts.push({ type: 'shipment.delivered', data: base });
      next.status = laterLegStatus(leg.status, 'ARRIVED');
      next.actualArrival ??= event.occurredAt;
      status = 'DELIVERED';
      break;
    case 'exception':
      facts.push({ type: 'shipment.exception', data: { ...base, reason: event.reason ?? 'unspecified' } });
      break;
    case 'temperature': {
      const range = shipment.cargo.perishable;
      const outside = outsideCarry(range, event);
      if (outside.length > 0 && !inExcursion && range) {
        const data = { ...base, ...excursionFields(range, event, outside) };
        facts.push({ type: 'shipment.temperature.excursion', data });
      }
      inExcursion = outside.length > 0;
      break;
    }
  }
  const legs = markMovedOn(
    shipment.legs.map((l, i) => (i === index ? next : l)),
    index,
    event.kind,
  );
  const newer = !shipment.position || Date.parse(event.occurredAt) >= Date.parse(shipment.position.at);
  const position =
    newer && event.kind !== 'temperature' ? { place: base.location, at: event.occurredAt } : shipment.position;
  return { accepted: true, shipment: { ...shipment, legs, status, inExcursion, position }, facts };
}
