import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { epcisSchemaErrors } from '../../../../test/standards/epcis/epcis-schema';
import {
  EXPORTED_KINDS,
  epcisDocument,
  historyEvent,
  localTime,
  placeUri,
  timeZoneOffset,
  type ExportedShipment,
  type HistoryEvent,
} from './epcis.mapping';
import { nameBasedUuid } from './event-ids';

const karachi = { locode: 'PKKHI', name: 'Karachi' };
const torkham = { locode: 'PKTOR', name: 'Torkham' };
const kabul = { locode: 'AFKBL', name: 'Kabul' };
const unlocode = (code: string) => `https://vocabulary.uncefact.org/unlocode#${code}`;

function shipment(overrides: Partial<ExportedShipment> = {}): ExportedShipment {
  return {
    id: randomUUID(),
    cargo: {
      commodity: 'kinnow',
      hsCode: '0805.21',
      packages: 1200,
      weightKg: 18000,
      perishable: { minCelsius: 4, maxCelsius: 8, minHumidityPercent: 85, maxHumidityPercent: 95, shelfLifeDays: 28 },
    },
    legs: [
      { sequence: 1, mode: 'ROAD', carrier: 'NLC', from: karachi, to: torkham },
      { sequence: 2, mode: 'ROAD', carrier: 'TCS', from: torkham, to: kabul, crossing: 'Torkham' },
    ],
    bookedAt: new Date('2026-12-01T05:00:00Z'),
    ...overrides,
  };
}

function row(kind: string, overrides: Partial<HistoryEvent> = {}): HistoryEvent {
  return {
    id: randomUUID(),
    legSequence: 1,
    kind,
    occurredAt: new Date('2026-12-01T08:00:00Z'),
    acceptedAt: new Date('2026-12-01T08:00:02.500Z'),
    location: null,
    details: {},
    ...overrides,
  };
}

describe('EPCIS mapping', () => {
  it('names UN/LOCODE places by UN/CEFACT’s vocabulary IRI, and makes up none for a place without a code', () => {
    expect(placeUri(karachi)).toBe(unlocode('PKKHI'));
    expect(placeUri({ name: 'Sost dry port' })).toBeUndefined();
    expect(placeUri({ locode: 'pk khi', name: 'Karachi' })).toBeUndefined();
    expect(placeUri(null)).toBeUndefined();
  });

  it('reads times in the offset of the country where they happened', () => {
    const at = new Date('2026-12-01T03:00:00Z');
    expect(timeZoneOffset(karachi, at)).toBe('+05:00');
    expect(timeZoneOffset(kabul, at)).toBe('+04:30');
    expect(timeZoneOffset({ name: 'Sost dry port' }, at)).toBe('+05:00');
    expect(timeZoneOffset({ locode: 'CNKHG', name: 'Kashgar' }, at)).toBe('+08:00');
    expect(timeZoneOffset(null, at)).toBe('+00:00');
    // The offset in force then: Kazakhstan moved from UTC+6 to UTC+5 on 1 March 2024.
    expect(timeZoneOffset({ locode: 'KZALA', name: 'Almaty' }, at)).toBe('+05:00');
    expect(timeZoneOffset({ locode: 'KZALA', name: 'Almaty' }, new Date('2023-06-01T00:00:00Z'))).toBe('+06:00');
    expect(localTime(at, '+05:00')).toBe('2026-12-01T08:00:00.000+05:00');
    expect(localTime(at, '+04:30')).toBe('2026-12-01T07:30:00.000+04:30');
    expect(localTime(at, '-03:00')).toBe('2026-12-01T00:00:00.000-03:00');
    expect(Date.parse(localTime(at, '+04:30'))).toBe(at.getTime());
  });

  it('derives name-based (version 5) UUIDs as RFC 4122 does', () => {
    // RFC 4122's DNS namespace and the widely published vector for www.example.com.
    expect(nameBasedUuid('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    expect(nameBasedUuid('booked:a')).toBe(nameBasedUuid('booked:a'));
    expect(nameBasedUuid('booked:a')).not.toBe(nameBasedUuid('booked:b'));
    expect(z.uuid().safeParse(nameBasedUuid('booked:a')).success).toBe(true);
  });

  it('maps a departure: leaves the leg’s origin for its destination, in transit, no bizLocation', () => {
    const s = shipment();
    const departure = row('departure');
    expect(historyEvent(s, departure)).toEqual({
      type: 'ObjectEvent',
      eventID: `urn:uuid:${departure.id}`,
      eventTime: '2026-12-01T13:00:00.000+05:00',
      eventTimeZoneOffset: '+05:00',
      recordTime: '2026-12-01T08:00:02.500Z',
      epcList: [`urn:uuid:${s.id}`],
      action: 'OBSERVE',
      bizStep: 'departing',
      disposition: 'in_transit',
      readPoint: { id: unlocode('PKKHI') },
      destinationList: [{ type: 'location', destination: unlocode('PKTOR') }],
    });
  });

  it('places arrivals at the leg’s end and border events and customs decisions at the crossing', () => {
    const s = shipment();
    const at = (kind: string, legSequence: number, location: HistoryEvent['location'] = null) => {
      const event = historyEvent(s, row(kind, { legSequence, location }))!;
      return [event.bizStep, event.disposition, event.readPoint, event.bizLocation];
    };
    const torkhamId = { id: unlocode('PKTOR') };
    expect(at('arrival', 1)).toEqual(['arriving', 'in_transit', torkhamId, torkhamId]);
    expect(at('border_arrival', 2, torkham)).toEqual(['arriving', 'in_transit', torkhamId, torkhamId]);
    expect(at('customs_hold', 2, torkham)).toEqual(['holding', 'unavailable', torkhamId, torkhamId]);
    expect(at('customs_release', 2, torkham)).toEqual(['inspecting', 'conformant', torkhamId, torkhamId]);
    expect(at('customs_rejection', 2, torkham)).toEqual(['inspecting', 'non_conformant', torkhamId, torkhamId]);
    expect(at('border_exit', 2)).toEqual(['departing', 'in_transit', torkhamId, undefined]);
    expect(at('delivery', 2)).toEqual(['accepting', undefined, { id: unlocode('AFKBL') }, { id: unlocode('AFKBL') }]);
    // Sost has no UN/LOCODE: the event says what happened, not where.
    const sost = historyEvent(s, row('arrival', { location: { name: 'Sost dry port' } }))!;
    expect([sost.readPoint, sost.bizLocation, sost.eventTimeZoneOffset]).toEqual([undefined, undefined, '+05:00']);
  });

  it('reports reefer readings as sensor reports, flagging a reading outside the carry range', () => {
    const s = shipment();
    const reading = (details: HistoryEvent['details']) => historyEvent(s, row('temperature', { details }))!;
    const inside = reading({ celsius: 6.5, humidityPercent: 90 });
    expect(inside).toMatchObject({ bizStep: 'sensor_reporting', eventTimeZoneOffset: '+05:00' });
    expect(inside.readPoint).toBeUndefined();
    expect(inside.sensorElementList).toEqual([
      {
        sensorReport: [
          { type: 'Temperature', value: 6.5, uom: 'CEL' },
          { type: 'RelativeHumidity', value: 90, uom: 'P1' },
        ],
      },
    ]);
    expect(reading({ celsius: 11 }).sensorElementList).toEqual([
      { sensorReport: [{ type: 'Temperature', value: 11, uom: 'CEL', exception: 'ALARM_CONDITION' }] },
    ]);
    expect(reading({ celsius: 5, humidityPercent: 70 }).sensorElementList).toEqual([
      {
        sensorReport: [
          { type: 'Temperature', value: 5, uom: 'CEL' },
          { type: 'RelativeHumidity', value: 70, uom: 'P1', exception: 'ALARM_CONDITION' },
        ],
      },
    ]);
  });

  it('leaves out what has no CBV step (carrier exceptions)', () => {
    expect(historyEvent(shipment(), row('exception', { details: { reason: 'engine' } }))).toBeUndefined();
    expect(EXPORTED_KINDS).not.toContain('exception');
  });

  it('builds a document GS1’s EPCIS 2.0 schema accepts, the booking first', () => {
    const s = shipment();
    const history = [
      row('departure'),
      row('temperature', { details: { celsius: 9, humidityPercent: 88 } }),
      row('border_arrival', { legSequence: 2, location: torkham }),
      row('customs_release', { legSequence: 2, location: torkham, details: { crossing: 'Torkham' } }),
      row('exception', { details: { reason: 'flat tyre' } }),
      row('delivery', { legSequence: 2 }),
    ];
    const document = epcisDocument(s, history, new Date('2026-12-05T00:00:00Z'), true);
    expect(epcisSchemaErrors(document)).toEqual([]);
    const events = (document.epcisBody as { eventList: Record<string, unknown>[] }).eventList;
    expect(events.map((e) => e.bizStep)).toEqual([
      'commissioning',
      'departing',
      'sensor_reporting',
      'arriving',
      'inspecting',
      'accepting',
    ]);
    expect(events[0]).toMatchObject({
      action: 'ADD',
      eventTime: '2026-12-01T10:00:00.000+05:00',
      sourceList: [{ type: 'location', source: unlocode('PKKHI') }],
      destinationList: [{ type: 'location', destination: unlocode('AFKBL') }],
    });
    // The same shipment exports the same ids.
    const again = epcisDocument(s, history, new Date('2026-12-06T00:00:00Z'), true);
    const ids = (d: Record<string, unknown>) =>
      (d.epcisBody as { eventList: { eventID: string }[] }).eventList.map((e) => e.eventID);
    expect(ids(again)).toEqual(ids(document));
    expect(epcisDocument(s, history, new Date(), false).epcisBody).toEqual({ eventList: events.slice(1) });
  });

  it('is caught by the schema when it breaks the standard (the check can fail)', () => {
    const document = epcisDocument(shipment(), [row('departure')], new Date(), true);
    const events = (document.epcisBody as { eventList: Record<string, unknown>[] }).eventList;
    events[1] = { ...events[1], eventTimeZoneOffset: '+5', bizStep: 'urn:epcglobal:cbv:bizstep:departing' };
    expect(epcisSchemaErrors(document).length).toBeGreaterThan(0);
  });
});
