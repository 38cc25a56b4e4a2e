import { EVENT_KINDS, type EventKind } from './carrier-event.kinds';
import { InvalidInput } from '@lib/errors';
import {
  applyCarrierEvent,
  occurredInFuture,
  type Acceptance,
  type CarrierEventInput,
  type Refusal,
} from './carrier-event.rules';
import type { TrackedShipment } from '../shipment/tracking-state';

/** Karachi → Torkham (NLC), Torkham → Kabul (TCS), Kabul → Almaty (NLC): kinnow at 4–8 °C. */
function shipment(overrides: Partial<TrackedShipment> = {}): TrackedShipment {
  return {
    id: 's-1',
    shipperId: 'shipper-1',
    status: 'BOOKED',
    cargo: {
      commodity: 'kinnow',
      hsCode: '0805.21',
      packages: 10,
      weightKg: 100,
      perishable: { minCelsius: 4, maxCelsius: 8, shelfLifeDays: 28 },
    },
    legs: [
      {
        sequence: 1,
        mode: 'ROAD',
        carrier: 'NLC',
        from: { locode: 'PKKHI', name: 'Karachi' },
        to: { locode: 'PKTOR', name: 'Torkham' },
      },
      {
        sequence: 2,
        mode: 'ROAD',
        carrier: 'TCS',
        from: { locode: 'PKTOR', name: 'Torkham' },
        to: { locode: 'AFKBL', name: 'Kabul' },
        crossing: 'Torkham',
      },
      {
        sequence: 3,
        mode: 'ROAD',
        carrier: 'NLC',
        from: { locode: 'AFKBL', name: 'Kabul' },
        to: { locode: 'KZALA', name: 'Almaty' },
      },
    ],
    position: null,
    inExcursion: false,
    ...overrides,
  };
}

const event = (overrides: Partial<CarrierEventInput> = {}): CarrierEventInput => ({
  eventId: 'e-1',
  legSequence: 1,
  kind: 'departure',
  classifier: 'ACT',
  occurredAt: '2026-12-01T08:00:00Z',
  ...overrides,
});

const nlc = { carrierCode: 'NLC', acceptedAt: '2026-12-01T08:00:05Z', customsGate: false };
const tcs = { carrierCode: 'TCS', acceptedAt: '2026-12-01T08:00:05Z', customsGate: false };

function accepted(result: Acceptance | Refusal): Acceptance {
  if (!result.accepted) throw new Error(`refused: ${result.error.code}`);
  return result;
}

function drive(start: TrackedShipment, steps: [CarrierEventInput, typeof nlc][]): TrackedShipment {
  return steps.reduce((s, [e, c]) => accepted(applyCarrierEvent(s, e, c)).shipment, start);
}

describe('applyCarrierEvent', () => {
  it('departs the first leg: leg DEPARTED, shipment IN_TRANSIT, one shipment.leg.departed', () => {
    const result = accepted(applyCarrierEvent(shipment(), event(), nlc));
    expect(result.shipment.status).toBe('IN_TRANSIT');
    expect(result.shipment.legs[0]).toMatchObject({
      status: 'DEPARTED',
      hasActual: true,
      actualDeparture: '2026-12-01T08:00:00Z',
    });
    expect(result.facts.map((f) => f.type)).toEqual(['shipment.leg.departed']);
  });

  it('refuses a carrier reporting on a leg it does not operate (403)', () => {
    expect(applyCarrierEvent(shipment(), event(), tcs)).toMatchObject({
      accepted: false,
      error: { kind: 'forbidden', code: 'NOT_LEG_CARRIER' },
    });
  });

  it('refuses leg N before leg N−1 has any actual event (409)', () => {
    expect(applyCarrierEvent(shipment(), event({ legSequence: 2 }), tcs)).toMatchObject({
      error: { kind: 'conflict', code: 'PREVIOUS_LEG_NOT_STARTED' },
    });
  });

  it('accepts leg N once leg N−1 has an actual event, even before N−1 arrived', () => {
    const started = drive(shipment(), [[event(), nlc]]);
    expect(applyCarrierEvent(started, event({ legSequence: 2, kind: 'border_arrival' }), tcs)).toMatchObject({
      accepted: true,
    });
  });

  it('keeps and publishes a late arrival without moving the status backwards', () => {
    const arrived = drive(shipment(), [
      [event(), nlc],
      [event({ kind: 'arrival', occurredAt: '2026-12-03T08:00:00Z' }), nlc],
    ]);
    const late = accepted(
      applyCarrierEvent(arrived, event({ kind: 'departure', occurredAt: '2026-12-01T07:00:00Z' }), nlc),
    );
    expect(late.shipment.legs[0].status).toBe('ARRIVED');
    expect(late.facts.map((f) => f.type)).toEqual(['shipment.leg.departed']);
    expect(late.shipment.position?.at).toBe('2026-12-03T08:00:00Z');
  });

  it('refuses delivery before the last leg, and anything after delivery', () => {
    const onLast = drive(shipment(), [
      [event(), nlc],
      [event({ legSequence: 2 }), tcs],
      [event({ legSequence: 3 }), nlc],
    ]);
    expect(applyCarrierEvent(onLast, event({ legSequence: 2, kind: 'delivery' }), tcs)).toMatchObject({
      error: { kind: 'conflict', code: 'DELIVERY_BEFORE_LAST_LEG' },
    });
    const delivered = accepted(applyCarrierEvent(onLast, event({ legSequence: 3, kind: 'delivery' }), nlc));
    expect(delivered.shipment.status).toBe('DELIVERED');
    expect(delivered.facts.map((f) => f.type)).toEqual(['shipment.delivered']);
    expect(
      applyCarrierEvent(delivered.shipment, event({ legSequence: 3, kind: 'exception', reason: 'x' }), nlc),
    ).toMatchObject({
      error: { kind: 'conflict', code: 'SHIPMENT_DELIVERED' },
    });
  });

  it('refuses every event on a cancelled shipment', () => {
    expect(applyCarrierEvent(shipment({ status: 'CANCELLED' }), event(), nlc)).toMatchObject({
      error: { kind: 'conflict', code: 'SHIPMENT_CANCELLED' },
    });
  });

  it('moves only the ETA for EST/PLN events', () => {
    const result = accepted(
      applyCarrierEvent(
        shipment(),
        event({ kind: 'arrival', classifier: 'EST', estimatedArrival: '2026-12-04T10:00:00Z' }),
        nlc,
      ),
    );
    expect(result.shipment.status).toBe('BOOKED');
    expect(result.shipment.legs[0]).toMatchObject({ eta: '2026-12-04T10:00:00Z' });
    expect(result.shipment.legs[0].hasActual).toBeUndefined();
    expect(result.facts.map((f) => f.type)).toEqual(['shipment.eta.changed']);
  });

  it('raises one excursion per excursion, not one per reading', () => {
    const readings = [6, 9.5, 10, 11, 7, 3.1, 2.5].map((celsius, i) =>
      event({ eventId: `t-${i}`, kind: 'temperature', celsius, occurredAt: `2026-12-01T0${i}:00:00Z` }),
    );
    let current = drive(shipment(), [[event(), nlc]]);
    const excursions: number[] = [];
    for (const reading of readings) {
      const result = accepted(applyCarrierEvent(current, reading, nlc));
      excursions.push(result.facts.filter((f) => f.type === 'shipment.temperature.excursion').length);
      current = result.shipment;
    }
    expect(excursions).toEqual([0, 1, 0, 0, 0, 1, 0]);
  });

  it('keeps a leg starting at a crossing until customs clears it (gate on)', () => {
    const gated = { ...tcs, customsGate: true };
    const started = drive(shipment(), [[event(), nlc]]);
    expect(applyCarrierEvent(started, event({ legSequence: 2 }), gated)).toMatchObject({
      error: { kind: 'conflict', code: 'AWAITING_CLEARANCE' },
    });
    const held = {
      ...started,
      legs: started.legs.map((l) => (l.sequence === 2 ? { ...l, clearance: 'HELD' as const } : l)),
    };
    expect(applyCarrierEvent(held, event({ legSequence: 2 }), gated)).toMatchObject({
      error: { kind: 'conflict', code: 'AWAITING_CLEARANCE' },
    });
    const rejected = {
      ...started,
      legs: started.legs.map((l) => (l.sequence === 2 ? { ...l, clearance: 'REJECTED' as const } : l)),
    };
    expect(applyCarrierEvent(rejected, event({ legSequence: 2 }), gated)).toMatchObject({
      error: { kind: 'conflict', code: 'CUSTOMS_REJECTED' },
    });
    const cleared = {
      ...started,
      legs: started.legs.map((l) => (l.sequence === 2 ? { ...l, clearance: 'CLEARED' as const } : l)),
    };
    expect(applyCarrierEvent(cleared, event({ legSequence: 2 }), gated)).toMatchObject({ accepted: true });
    expect(applyCarrierEvent(started, event({ legSequence: 2, kind: 'border_arrival' }), gated)).toMatchObject({
      accepted: true,
    });
  });

  describe('the customs gate, every event kind (gate on)', () => {
    const gated = { ...tcs, customsGate: true };
    const gatedNlc = { ...nlc, customsGate: true };
    const started = drive(shipment(), [[event(), nlc]]);
    const withClearance = (clearance?: 'HELD' | 'REJECTED' | 'CLEARED') => ({
      ...started,
      legs: started.legs.map((l) => (l.sequence === 2 ? { ...l, clearance } : l)),
    });
    const extra = (kind: EventKind): Partial<CarrierEventInput> => ({
      kind,
      celsius: kind === 'temperature' ? 6 : undefined,
      reason: kind === 'exception' ? 'flat tyre' : undefined,
    });
    // Only these may be reported on the crossing's leg while customs has not cleared the cargo.
    const atTheCrossing = ['border_arrival', 'temperature', 'exception'];
    const movingKinds = EVENT_KINDS.filter((k) => !atTheCrossing.includes(k) && k !== 'delivery');

    it.each(EVENT_KINDS.filter((k) => k !== 'delivery'))('%s on the crossing leg before clearance', (kind) => {
      for (const clearance of [undefined, 'HELD'] as const) {
        const result = applyCarrierEvent(withClearance(clearance), event({ legSequence: 2, ...extra(kind) }), gated);
        if (atTheCrossing.includes(kind)) expect(result).toMatchObject({ accepted: true });
        else expect(result).toMatchObject({ accepted: false, error: { kind: 'conflict', code: 'AWAITING_CLEARANCE' } });
      }
    });

    it.each(EVENT_KINDS.filter((k) => k !== 'delivery'))('%s on the crossing leg after a rejection', (kind) => {
      const result = applyCarrierEvent(withClearance('REJECTED'), event({ legSequence: 2, ...extra(kind) }), gated);
      if (atTheCrossing.includes(kind)) expect(result).toMatchObject({ accepted: true });
      else expect(result).toMatchObject({ accepted: false, error: { kind: 'conflict', code: 'CUSTOMS_REJECTED' } });
    });

    it.each(EVENT_KINDS)('%s on a later leg while the earlier crossing is not cleared', (kind) => {
      // Leg 2 reported its border arrival, so leg 3 may report at all; nothing that moves the cargo on.
      const arrived = drive(withClearance('HELD'), [[event({ legSequence: 2, kind: 'border_arrival' }), gated]]);
      const rejected = drive(withClearance('REJECTED'), [[event({ legSequence: 2, kind: 'border_arrival' }), gated]]);
      const onLater = ['temperature', 'exception'].includes(kind);
      for (const [state, code] of [
        [arrived, 'AWAITING_CLEARANCE'],
        [rejected, 'CUSTOMS_REJECTED'],
      ] as const) {
        const result = applyCarrierEvent(state, event({ legSequence: 3, ...extra(kind) }), gatedNlc);
        if (onLater) expect(result).toMatchObject({ accepted: true });
        else expect(result).toMatchObject({ accepted: false, error: { kind: 'conflict', code } });
      }
    });

    it.each(movingKinds)('%s on the crossing leg once cleared', (kind) => {
      expect(
        applyCarrierEvent(withClearance('CLEARED'), event({ legSequence: 2, ...extra(kind) }), gated),
      ).toMatchObject({ accepted: true });
    });

    it('delivers after clearance, never after a rejection', () => {
      const cleared = drive(withClearance('CLEARED'), [[event({ legSequence: 2 }), gated]]);
      expect(applyCarrierEvent(cleared, event({ legSequence: 3, kind: 'delivery' }), gatedNlc)).toMatchObject({
        accepted: true,
      });
      const rejected = drive(withClearance('REJECTED'), [[event({ legSequence: 2, kind: 'border_arrival' }), gated]]);
      expect(applyCarrierEvent(rejected, event({ legSequence: 3, kind: 'delivery' }), gatedNlc)).toMatchObject({
        error: { kind: 'conflict', code: 'CUSTOMS_REJECTED' },
      });
    });

    it('marks a crossing moved on once an event shows the cargo left it, not for readings there', () => {
      const cleared = withClearance('CLEARED');
      expect(
        accepted(applyCarrierEvent(cleared, event({ legSequence: 2, ...extra('temperature') }), gated)).shipment.legs[1]
          .movedOn,
      ).toBeUndefined();
      expect(
        accepted(applyCarrierEvent(cleared, event({ legSequence: 2, kind: 'border_exit' }), gated)).shipment.legs[1]
          .movedOn,
      ).toBe(true);
      const arrived = drive(cleared, [[event({ legSequence: 2, kind: 'border_arrival' }), gated]]);
      expect(arrived.legs[1].movedOn).toBeUndefined();
      expect(
        accepted(applyCarrierEvent(arrived, event({ legSequence: 3, kind: 'border_arrival' }), gatedNlc)).shipment
          .legs[1].movedOn,
      ).toBe(true);
    });

    it('moves the ETA (EST/PLN) whatever customs says', () => {
      const estimate = event({
        legSequence: 2,
        kind: 'arrival',
        classifier: 'EST',
        estimatedArrival: '2026-12-04T10:00:00Z',
      });
      expect(applyCarrierEvent(withClearance('HELD'), estimate, gated)).toMatchObject({ accepted: true });
    });
  });

  it('names the crossing on border events', () => {
    const started = drive(shipment(), [[event(), nlc]]);
    const result = accepted(applyCarrierEvent(started, event({ legSequence: 2, kind: 'border_arrival' }), tcs));
    expect(result.facts[0]).toMatchObject({
      type: 'shipment.border.reached',
      data: { crossing: 'Torkham', legSequence: 2 },
    });
  });
});

describe('occurredInFuture', () => {
  const now = new Date('2026-12-01T08:00:00Z');

  it('takes an event up to 15 minutes ahead of the clock, and any from the past', () => {
    expect(occurredInFuture('2026-12-01T08:15:00Z', now)).toBeUndefined();
    expect(occurredInFuture('2026-12-01T13:14:59+05:00', now)).toBeUndefined();
    expect(occurredInFuture('2026-11-01T08:00:00Z', now)).toBeUndefined();
  });

  it('refuses one further ahead as invalid occurredAt (422)', () => {
    const error = occurredInFuture('2026-12-01T08:15:00.001Z', now);
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error).toMatchObject({
      kind: 'invalid',
      errors: [{ field: 'occurredAt', reason: 'more than 15 minutes in the future' }],
    });
    expect(occurredInFuture('2026-12-01T13:16:00+05:00', now)).toBeDefined();
  });
});
