import { dcsaViolations } from '../../../../test/standards/dcsa/dcsa-schema';
import { isDcsaEvent, legOfCall, mapDcsaEvent } from './dcsa-inbound';

/** A DCSA TNT 2.2 TransportEvent as a carrier's system sends it. */
const departure = (overrides: Record<string, unknown> = {}) => ({
  eventID: '5e51e72c-d872-11ea-811c-0f8f10a32ea1',
  eventType: 'TRANSPORT',
  eventClassifierCode: 'ACT',
  eventDateTime: '2026-11-20T08:00:00+05:00',
  eventCreatedDateTime: '2026-11-20T08:01:00+05:00',
  transportEventTypeCode: 'DEPA',
  delayReasonCode: 'WEA',
  transportCall: {
    transportCallID: 'NLC-KHI-0001',
    modeOfTransport: 'TRUCK',
    UNLocationCode: 'PKKHI',
    facilityTypeCode: 'INTE',
    location: { locationName: 'Karachi dry port', UNLocationCode: 'PKKHI' },
  },
  documentReferences: [{ documentReferenceType: 'BKG', documentReferenceValue: 'kzpk-7f3k-9q2m' }],
  ...overrides,
});

const legs = [
  {
    sequence: 1,
    mode: 'ROAD' as const,
    carrier: 'NLC',
    from: { locode: 'PKKHI', name: 'Karachi' },
    to: { locode: 'PKTOR', name: 'Torkham' },
  },
  {
    sequence: 2,
    mode: 'ROAD' as const,
    carrier: 'NLC',
    from: { locode: 'PKTOR', name: 'Torkham' },
    to: { locode: 'AFKBL', name: 'Kabul' },
  },
  {
    sequence: 3,
    mode: 'RAIL' as const,
    carrier: 'NLC',
    from: { locode: 'AFKBL', name: 'Kabul' },
    to: { locode: 'KZALA', name: 'Almaty' },
  },
];

describe('DCSA TNT 2.2 events posted by carriers', () => {
  it('tells DCSA bodies from ours by eventID/eventType', () => {
    expect(isDcsaEvent(departure())).toBe(true);
    expect(isDcsaEvent({ eventId: 'X', leg: 1, kind: 'DEPA', eventDateTime: '2026-11-20T08:00:00Z' })).toBe(false);
    expect(isDcsaEvent([departure()])).toBe(false);
  });

  it('maps an actual departure onto our event: the BKG reference is the tracking number', () => {
    // The sample is a genuine DCSA TransportEvent: the published schema accepts it.
    expect(dcsaViolations('transportEvent', departure())).toEqual([]);
    expect(mapDcsaEvent(departure())).toEqual({
      body: {
        eventId: '5e51e72c-d872-11ea-811c-0f8f10a32ea1',
        trackingNumber: 'KZPK-7F3K-9Q2M',
        kind: 'departure',
        classifier: 'ACT',
        occurredAt: '2026-11-20T08:00:00+05:00',
        location: { locode: 'PKKHI', name: 'Karachi dry port' },
      },
      call: { locode: 'PKKHI', mode: 'ROAD' },
    });
  });

  it('reads a border crossing call as a border event, and a UUID reference as our shipment id', () => {
    const mapped = mapDcsaEvent(
      departure({
        transportEventTypeCode: 'ARRI',
        transportCall: {
          transportCallID: 'T1',
          modeOfTransport: 'TRUCK',
          UNLocationCode: 'PKTOR',
          facilityTypeCode: 'BOCR',
        },
        documentReferences: [
          { documentReferenceType: 'TRD', documentReferenceValue: '6F1C4A52-4C0E-4A55-9D0A-0D7F8C1B2A11' },
        ],
      }),
    );
    expect(mapped).toMatchObject({
      body: {
        kind: 'border_arrival',
        shipmentId: '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11',
        location: { locode: 'PKTOR', name: 'PKTOR' },
      },
    });
    expect(mapped).not.toHaveProperty('body.trackingNumber');
  });

  it('keeps an estimate as the carrier’s ETA, made when the event was created', () => {
    expect(
      mapDcsaEvent(
        departure({
          eventClassifierCode: 'EST',
          transportEventTypeCode: 'ARRI',
          eventDateTime: '2026-11-23T10:00:00Z',
        }),
      ),
    ).toMatchObject({
      body: {
        kind: 'arrival',
        classifier: 'EST',
        occurredAt: '2026-11-20T08:01:00+05:00',
        estimatedArrival: '2026-11-23T10:00:00Z',
      },
    });
  });

  it('maps an equipment event with its equipment reference', () => {
    const gateIn = {
      eventID: '84db923d-2a19-4eb0-beb5-446c1ec57d34',
      eventType: 'EQUIPMENT',
      eventClassifierCode: 'ACT',
      eventDateTime: '2026-11-20T06:00:00Z',
      eventCreatedDateTime: '2026-11-20T06:00:05Z',
      equipmentEventTypeCode: 'GTIN',
      equipmentReference: 'APZU4812090',
      emptyIndicatorCode: 'LADEN',
      transportCall: { transportCallID: 'T2', modeOfTransport: 'TRUCK', UNLocationCode: 'PKKHI' },
      documentReferences: [{ documentReferenceType: 'BKG', documentReferenceValue: 'KZPK-7F3K-9Q2M' }],
    };
    expect(dcsaViolations('equipmentEvent', gateIn)).toEqual([]);
    expect(mapDcsaEvent(gateIn)).toMatchObject({ body: { kind: 'gate_in', equipmentReference: 'APZU4812090' } });
  });

  it('refuses planned events, shipment events, events without a shipment, and a non-UUID eventID', () => {
    const fields = (body: unknown) => {
      const mapped = mapDcsaEvent(body);
      return 'errors' in mapped ? mapped.errors.map((e) => e.field) : [];
    };
    expect(fields(departure({ eventClassifierCode: 'PLN' }))).toEqual(['eventClassifierCode']);
    expect(fields(departure({ eventType: 'SHIPMENT' }))).toEqual(['eventType']);
    expect(fields(departure({ documentReferences: [] }))).toEqual(['documentReferences']);
    expect(fields(departure({ eventID: 'NLC-1' }))).toEqual(['eventID']);
    expect(fields(departure({ transportCall: { transportCallID: 'X', modeOfTransport: 'PLANE' } }))).toEqual([
      'transportCall.modeOfTransport',
    ]);
    expect(
      fields(
        departure({
          documentReferences: [
            { documentReferenceType: 'BKG', documentReferenceValue: 'KZPK-AAAA-AAAA' },
            { documentReferenceType: 'TRD', documentReferenceValue: 'KZPK-BBBB-BBBB' },
          ],
        }),
      ),
    ).toEqual(['documentReferences']);
  });

  it('finds the leg from the call’s place and mode, the kind’s natural end first', () => {
    expect(legOfCall(legs, { locode: 'PKTOR', mode: 'ROAD' }, 'departure', 'NLC')).toEqual({ leg: 2 });
    expect(legOfCall(legs, { locode: 'PKTOR', mode: 'ROAD' }, 'arrival', 'NLC')).toEqual({ leg: 1 });
    expect(legOfCall(legs, { locode: 'PKKHI', mode: 'ROAD' }, 'arrival', 'NLC')).toEqual({ leg: 1 });
    expect(legOfCall(legs, { locode: 'AFKBL', mode: 'RAIL' }, 'departure', 'NLC')).toEqual({ leg: 3 });
    expect(legOfCall(legs, { locode: 'AFKBL', mode: 'RAIL' }, 'arrival', 'NLC')).toEqual({ leg: 3 });
  });

  it('refuses a call that is on no leg, on two, or has no place', () => {
    expect(legOfCall(legs, { locode: 'KZALA', mode: 'ROAD' }, 'arrival', 'NLC')).toEqual({
      error: { field: 'transportCall', reason: 'no ROAD leg of yours on this shipment starts or ends at KZALA' },
    });
    expect(legOfCall(legs, { mode: 'ROAD' }, 'arrival', 'NLC')).toMatchObject({ error: { field: 'transportCall' } });
    const loop = [...legs, { ...legs[0], sequence: 4 }];
    expect(legOfCall(loop, { locode: 'PKKHI', mode: 'ROAD' }, 'departure', 'NLC')).toMatchObject({
      error: { reason: expect.stringContaining('legs 1 and 4') },
    });
  });

  it('considers only the posting carrier’s legs, and puts a border event on the leg starting at the crossing', () => {
    const almaty = { locode: 'KZALA', name: 'Almaty' };
    const khorgos = { locode: 'KZKHG', name: 'Khorgos' };
    const kashgar = { locode: 'CNKHG', name: 'Kashgar' };
    const corridor = [
      { sequence: 1, mode: 'ROAD' as const, carrier: 'KTZ', from: almaty, to: khorgos },
      { sequence: 2, mode: 'ROAD' as const, carrier: 'SINO', crossing: 'Khorgos', from: khorgos, to: kashgar },
    ];
    const atKhorgos = { locode: 'KZKHG', mode: 'ROAD' as const };
    expect(legOfCall(corridor, atKhorgos, 'border_arrival', 'SINO')).toEqual({ leg: 2 });
    expect(legOfCall(corridor, atKhorgos, 'border_arrival', 'KTZ')).toEqual({ leg: 1 });
    expect(legOfCall(corridor, atKhorgos, 'arrival', 'KTZ')).toEqual({ leg: 1 });
    expect(legOfCall(corridor, atKhorgos, 'arrival', 'SINO')).toEqual({ leg: 2 });
    expect(legOfCall(corridor, { locode: 'KZALA', mode: 'ROAD' }, 'departure', 'SINO')).toMatchObject({
      error: { reason: 'no ROAD leg of yours on this shipment starts or ends at KZALA' },
    });
  });

  it('puts gate events where the rules do: gating in at the leg’s end, gating out at its start', () => {
    expect(legOfCall(legs, { locode: 'PKTOR', mode: 'ROAD' }, 'gate_in', 'NLC')).toEqual({ leg: 1 });
    expect(legOfCall(legs, { locode: 'PKTOR', mode: 'ROAD' }, 'gate_out', 'NLC')).toEqual({ leg: 2 });
  });
});
