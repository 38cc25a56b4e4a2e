import { dcsaEventSchema, dcsaViolations } from '../../../../test/standards/dcsa/dcsa-schema';
import { bookingEventId } from '../epcis/event-ids';
import { toDcsaEvent, type FeedRow } from './dcsa-events';

const shipmentId = '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11';
const carrierRow = (overrides: Partial<Extract<FeedRow, { source: 'carrier' }>> = {}): FeedRow => ({
  source: 'carrier',
  id: '2f4d1c8e-7b3a-4c55-9e0a-0d7f8c1b2a11',
  createdAt: '2026-11-20T03:00:12.345Z',
  occurredAt: '2026-11-20T03:00:00.000Z',
  kind: 'departure',
  classifier: 'ACT',
  shipmentId,
  trackingNumber: 'KZPK-7F3K-9Q2M',
  legSequence: 1,
  mode: 'ROAD',
  callEnd: 'from',
  place: { locode: 'PKKHI', name: 'Karachi' },
  equipmentReference: null,
  estimatedArrival: null,
  ...overrides,
});

const conforms = (event: Record<string, unknown>) => expect(dcsaViolations(dcsaEventSchema(event), event)).toEqual([]);

describe('our facts as DCSA TNT 2.2 events', () => {
  it('says a departure as a TRANSPORT DEPA at the leg’s start, with the tracking number as BKG and TRD', () => {
    const event = toDcsaEvent(carrierRow());
    expect(event).toEqual({
      eventID: '2f4d1c8e-7b3a-4c55-9e0a-0d7f8c1b2a11',
      eventType: 'TRANSPORT',
      eventCreatedDateTime: '2026-11-20T03:00:12.345Z',
      eventClassifierCode: 'ACT',
      eventDateTime: '2026-11-20T03:00:00.000Z',
      transportEventTypeCode: 'DEPA',
      transportCall: {
        transportCallID: `${shipmentId}/1/from`,
        modeOfTransport: 'TRUCK',
        UNLocationCode: 'PKKHI',
        location: { locationName: 'Karachi', UNLocationCode: 'PKKHI' },
      },
      documentReferences: [
        { documentReferenceType: 'BKG', documentReferenceValue: 'KZPK-7F3K-9Q2M' },
        { documentReferenceType: 'TRD', documentReferenceValue: 'KZPK-7F3K-9Q2M' },
      ],
    });
    conforms(event);
  });

  it('marks border events as calls at a border crossing (BOCR), and rail legs as RAIL', () => {
    const event = toDcsaEvent(carrierRow({ kind: 'border_arrival', mode: 'RAIL', callEnd: 'to' }));
    expect(event).toMatchObject({
      transportEventTypeCode: 'ARRI',
      transportCall: { facilityTypeCode: 'BOCR', modeOfTransport: 'RAIL', transportCallID: `${shipmentId}/1/to` },
    });
    conforms(event);
  });

  it('dates an estimated arrival at the time it estimates', () => {
    const event = toDcsaEvent(
      carrierRow({ kind: 'arrival', classifier: 'EST', estimatedArrival: '2026-11-22T10:00:00.000Z' }),
    );
    expect(event).toMatchObject({ eventClassifierCode: 'EST', eventDateTime: '2026-11-22T10:00:00.000Z' });
    conforms(event);
  });

  it('says an estimate sent with another kind as what it estimates: the arrival at the leg’s end (ARRI EST)', () => {
    const event = toDcsaEvent(
      carrierRow({
        kind: 'departure',
        classifier: 'EST',
        callEnd: 'to',
        place: { locode: 'PKTOR', name: 'Torkham' },
        estimatedArrival: '2026-11-22T10:00:00.000Z',
      }),
    );
    expect(event).toMatchObject({
      eventType: 'TRANSPORT',
      transportEventTypeCode: 'ARRI',
      eventClassifierCode: 'EST',
      eventDateTime: '2026-11-22T10:00:00.000Z',
      transportCall: { transportCallID: `${shipmentId}/1/to`, UNLocationCode: 'PKTOR' },
    });
    conforms(event);
  });

  it('refuses to guess a mode for a leg DCSA has none for (air)', () => {
    expect(() => toDcsaEvent(carrierRow({ mode: 'AIR' }))).toThrow('no DCSA transport call');
  });

  it('says terminal moves as laden EQUIPMENT events, with the equipment where the carrier named it', () => {
    const event = toDcsaEvent(carrierRow({ kind: 'gate_in', equipmentReference: 'APZU4812090', mode: 'SEA' }));
    expect(event).toMatchObject({
      eventType: 'EQUIPMENT',
      equipmentEventTypeCode: 'GTIN',
      equipmentReference: 'APZU4812090',
      emptyIndicatorCode: 'LADEN',
      eventLocation: { locationName: 'Karachi', UNLocationCode: 'PKKHI' },
      transportCall: { modeOfTransport: 'VESSEL' },
    });
    conforms(event);
    const delivered = toDcsaEvent(carrierRow({ kind: 'delivery', place: null, callEnd: 'to' }));
    expect(delivered).toMatchObject({ equipmentEventTypeCode: 'DROP', transportCall: { facilityTypeCode: 'CLOC' } });
    expect(delivered).not.toHaveProperty('eventLocation');
    conforms(delivered);
  });

  it('says a booking as a SHIPMENT CONF of the booking document, dated when it was made', () => {
    const event = toDcsaEvent({
      source: 'booking',
      createdAt: '2026-11-19T09:00:00.000Z',
      shipmentId,
      trackingNumber: 'KZPK-7F3K-9Q2M',
    });
    expect(event).toEqual({
      // The same id the EPCIS export gives the booking.
      eventID: bookingEventId(shipmentId),
      eventType: 'SHIPMENT',
      eventCreatedDateTime: '2026-11-19T09:00:00.000Z',
      eventClassifierCode: 'ACT',
      eventDateTime: '2026-11-19T09:00:00.000Z',
      shipmentEventTypeCode: 'CONF',
      documentTypeCode: 'BKG',
      documentID: 'KZPK-7F3K-9Q2M',
    });
    conforms(event);
  });

  it('says customs’ decisions at a crossing as SHIPMENT events about the customs inspection (CUS)', () => {
    const decisions = (['customs_hold', 'customs_release', 'customs_rejection'] as const).map((kind) =>
      toDcsaEvent(carrierRow({ kind, mode: 'AIR', place: { locode: 'PKTOR', name: 'Torkham' } })),
    );
    expect(decisions.map((e) => [e.shipmentEventTypeCode, e.documentTypeCode, e.documentID])).toEqual([
      ['HOLD', 'CUS', 'KZPK-7F3K-9Q2M'],
      ['RELS', 'CUS', 'KZPK-7F3K-9Q2M'],
      ['REJE', 'CUS', 'KZPK-7F3K-9Q2M'],
    ]);
    // DCSA: a shipment event's eventDateTime is its eventCreatedDateTime.
    expect(decisions[0]).toMatchObject({ eventDateTime: '2026-11-20T03:00:12.345Z', eventClassifierCode: 'ACT' });
    decisions.forEach(conforms);
  });

  it('has no DCSA event for a temperature reading', () => {
    expect(() => toDcsaEvent(carrierRow({ kind: 'temperature' }))).toThrow('no DCSA event');
  });

  it('is checked by a validator that does refuse a non-conforming event', () => {
    const event = { ...toDcsaEvent(carrierRow()), eventClassifierCode: 'MAYBE', eventCreatedDateTime: 'yesterday' };
    expect(dcsaViolations('transportEvent', event)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/eventCreatedDateTime'),
        expect.stringContaining('/eventClassifierCode'),
      ]),
    );
  });
});
