import { applyCarrierEvent, type Acceptance, type CarrierEventInput } from './carrier-event.rules';
import { excursionFields, outsideCarry } from './carry-conditions';
import type { TrackedShipment } from '../shipment/tracking-state';

const kinnow = { minCelsius: 4, maxCelsius: 8, minHumidityPercent: 85, maxHumidityPercent: 90, shelfLifeDays: 28 };

/** Kinnow at 4–8 °C and 85–90 % RH, one leg Karachi → Almaty, departed. */
const departed: TrackedShipment = {
  id: 's-1',
  shipperId: 'shipper-1',
  status: 'IN_TRANSIT',
  cargo: { commodity: 'kinnow', hsCode: '0805.21', packages: 10, weightKg: 100, perishable: kinnow },
  legs: [
    {
      sequence: 1,
      mode: 'ROAD',
      carrier: 'NLC',
      from: { locode: 'PKKHI', name: 'Karachi' },
      to: { locode: 'KZALA', name: 'Almaty' },
      status: 'DEPARTED',
      hasActual: true,
      actualDeparture: '2026-12-01T00:00:00Z',
    },
  ],
  position: null,
  inExcursion: false,
};

const reading = (i: number, celsius: number, humidityPercent?: number): CarrierEventInput => ({
  eventId: `t-${i}`,
  legSequence: 1,
  kind: 'temperature',
  classifier: 'ACT',
  occurredAt: `2026-12-01T0${i}:00:00Z`,
  celsius,
  humidityPercent,
});

describe('carry conditions', () => {
  it('judges the temperature always, the humidity when both the cargo and the reading have one', () => {
    expect(outsideCarry(kinnow, { celsius: 6, humidityPercent: 88 })).toEqual([]);
    expect(outsideCarry(kinnow, { celsius: 9, humidityPercent: 88 })).toEqual(['temperature']);
    expect(outsideCarry(kinnow, { celsius: 6, humidityPercent: 70 })).toEqual(['humidity']);
    expect(outsideCarry(kinnow, { celsius: 3, humidityPercent: 95 })).toEqual(['temperature', 'humidity']);
    expect(outsideCarry(kinnow, { celsius: 6 })).toEqual([]);
    // A range from before the catalogue had humidity: any humidity is fine.
    expect(
      outsideCarry({ minCelsius: 4, maxCelsius: 8, shelfLifeDays: 28 }, { celsius: 6, humidityPercent: 10 }),
    ).toEqual([]);
    expect(outsideCarry(undefined, { celsius: 40, humidityPercent: 10 })).toEqual([]);
  });

  it('puts the reading and both ranges in the excursion, and says what is out', () => {
    expect(excursionFields(kinnow, { celsius: 6, humidityPercent: 70 }, ['humidity'])).toEqual({
      celsius: 6,
      minCelsius: 4,
      maxCelsius: 8,
      humidityPercent: 70,
      minHumidityPercent: 85,
      maxHumidityPercent: 90,
      outside: ['humidity'],
    });
    expect(
      excursionFields({ minCelsius: 4, maxCelsius: 8, shelfLifeDays: 28 }, { celsius: 9 }, ['temperature']),
    ).toEqual({ celsius: 9, minCelsius: 4, maxCelsius: 8, outside: ['temperature'] });
  });

  it('raises one excursion per excursion, whichever condition it breaks, not one per reading', () => {
    // In; humidity out; humidity and temperature out (the same excursion); back in; temperature out.
    const readings = [reading(1, 6, 88), reading(2, 6, 70), reading(3, 10, 70), reading(4, 6, 88), reading(5, 9)];
    let current = departed;
    const raised: string[][] = [];
    for (const r of readings) {
      const result = applyCarrierEvent(current, r, {
        carrierCode: 'NLC',
        acceptedAt: r.occurredAt,
        customsGate: false,
      });
      expect(result.accepted).toBe(true);
      current = (result as Acceptance).shipment;
      raised.push(
        (result as Acceptance).facts.flatMap((f) =>
          f.type === 'shipment.temperature.excursion' ? [(f.data as { outside: string[] }).outside.join('+')] : [],
        ),
      );
    }
    expect(raised).toEqual([[], ['humidity'], [], [], ['temperature']]);
  });
});
