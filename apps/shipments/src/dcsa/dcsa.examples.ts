/** A departure as GET /v2/events answers it (OpenAPI example). */
export const dcsaTransportEventExample = {
  eventID: '2f4d1c8e-7b3a-4c55-9e0a-0d7f8c1b2a11',
  eventType: 'TRANSPORT',
  eventCreatedDateTime: '2026-12-01T03:00:12.345Z',
  eventClassifierCode: 'ACT',
  eventDateTime: '2026-12-01T03:00:00.000Z',
  transportEventTypeCode: 'DEPA',
  transportCall: {
    transportCallID: '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11/1/from',
    modeOfTransport: 'TRUCK',
    UNLocationCode: 'PKKHI',
    location: { locationName: 'Karachi', UNLocationCode: 'PKKHI' },
  },
  documentReferences: [
    { documentReferenceType: 'BKG', documentReferenceValue: 'KZPK-7F3K-9Q2M' },
    { documentReferenceType: 'TRD', documentReferenceValue: 'KZPK-7F3K-9Q2M' },
  ],
};
