import { feedCursor, parseFeedQuery } from './dcsa-query';

const errorsOf = (raw: Record<string, unknown>) => {
  const parsed = parseFeedQuery(raw);
  return 'errors' in parsed ? parsed.errors : [];
};

describe('GET /v2/events query (DCSA TNT 2.2 filters)', () => {
  it('defaults to 100 events of every kind', () => {
    expect(parseFeedQuery({})).toEqual({ query: { trackingNumbers: [], created: [], limit: 100 } });
  });

  it('reads comma-separated code lists, references, the date operators, limit and cursor', () => {
    const cursor = feedCursor.encode({
      tx: '7740021',
      id: '2f4d1c8e-7b3a-4c55-9e0a-0d7f8c1b2a11',
    });
    expect(
      parseFeedQuery({
        eventType: 'TRANSPORT,EQUIPMENT',
        transportEventTypeCode: 'DEPA',
        equipmentEventTypeCode: 'GTIN,GTOT',
        shipmentEventTypeCode: 'CONF',
        documentTypeCode: 'BKG',
        carrierBookingReference: 'kzpk-7f3k-9q2m',
        transportDocumentReference: 'KZPK-7F3K-9Q2M',
        equipmentReference: 'APZU4812090',
        UNLocationCode: 'PKKHI',
        'eventCreatedDateTime:gte': '2026-11-20T00:00:00+05:00',
        // An unencoded + arrives as a space.
        'eventCreatedDateTime:lt': '2026-11-21T00:00:00 05:00',
        limit: '20',
        cursor,
      }),
    ).toEqual({
      query: {
        eventTypes: ['TRANSPORT', 'EQUIPMENT'],
        transportEventTypeCodes: ['DEPA'],
        equipmentEventTypeCodes: ['GTIN', 'GTOT'],
        shipmentEventTypeCodes: ['CONF'],
        documentTypeCodes: ['BKG'],
        trackingNumbers: ['KZPK-7F3K-9Q2M', 'KZPK-7F3K-9Q2M'],
        equipmentReference: 'APZU4812090',
        unLocationCode: 'PKKHI',
        created: [
          { op: 'gte', at: '2026-11-20T00:00:00+05:00' },
          { op: 'lt', at: '2026-11-21T00:00:00+05:00' },
        ],
        limit: 20,
        cursor: { tx: '7740021', id: '2f4d1c8e-7b3a-4c55-9e0a-0d7f8c1b2a11' },
      },
    });
  });

  it('takes eventCreatedDateTime without an operator as :eq', () => {
    expect(parseFeedQuery({ eventCreatedDateTime: '2026-11-20T00:00:00Z' })).toMatchObject({
      query: { created: [{ op: 'eq', at: '2026-11-20T00:00:00Z' }] },
    });
  });

  it('names every refused parameter and why, at once', () => {
    expect(
      errorsOf({
        eventType: 'TRANSPORT,PARCEL',
        transportEventTypeCode: 'ARRI,GTIN',
        'eventCreatedDateTime:after': '2026-11-20T00:00:00Z',
        'eventCreatedDateTime:gt': 'yesterday',
        limit: '0',
        cursor: 'not-ours',
        UNLocationCode: 'karachi',
        vesselIMONumber: '9321483',
        colour: 'red',
        equipmentEventTypeCode: ['LOAD', 'DISC'],
      }).map((e) => e.field),
    ).toEqual([
      'eventType',
      'transportEventTypeCode',
      'eventCreatedDateTime:after',
      'eventCreatedDateTime:gt',
      'limit',
      'cursor',
      'UNLocationCode',
      'vesselIMONumber',
      'colour',
      'equipmentEventTypeCode',
    ]);
    expect(errorsOf({ eventType: 'PARCEL' })[0].reason).toBe('"PARCEL": must be among SHIPMENT, TRANSPORT, EQUIPMENT');
    expect(errorsOf({ limit: '501' })[0].reason).toBe('must be a whole number from 1 to 500');
  });

  it('refuses references longer than DCSA allows, or naming two shipments', () => {
    expect(errorsOf({ transportDocumentReference: 'X'.repeat(21) })).toEqual([
      { field: 'transportDocumentReference', reason: 'must be 1 to 20 characters' },
    ]);
    expect(
      errorsOf({ carrierBookingReference: 'KZPK-AAAA-AAAA', transportDocumentReference: 'KZPK-BBBB-BBBB' }),
    ).toEqual([{ field: 'transportDocumentReference', reason: 'names another shipment than carrierBookingReference' }]);
  });
});
