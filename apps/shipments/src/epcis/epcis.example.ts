/** An export as the OpenAPI document shows it: a booking, a departure and a reefer reading. */
export const epcisExample = {
  '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2026-12-02T09:00:00.000Z',
  epcisBody: {
    eventList: [
      {
        type: 'ObjectEvent',
        eventID: 'urn:uuid:2f0c5c8e-7d4e-5b7a-9c1e-3a6b8d2f4e10',
        eventTime: '2026-12-01T10:00:00.000+05:00',
        eventTimeZoneOffset: '+05:00',
        epcList: ['urn:uuid:6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11'],
        action: 'ADD',
        bizStep: 'commissioning',
        disposition: 'active',
        sourceList: [{ type: 'location', source: 'https://vocabulary.uncefact.org/unlocode#PKKHI' }],
        destinationList: [{ type: 'location', destination: 'https://vocabulary.uncefact.org/unlocode#KZALA' }],
      },
      {
        type: 'ObjectEvent',
        eventID: 'urn:uuid:0b8e5a3c-1d2f-4e6a-8b7c-9d0e1f2a3b4c',
        eventTime: '2026-12-02T08:00:00.000+05:00',
        eventTimeZoneOffset: '+05:00',
        recordTime: '2026-12-02T03:00:04.120Z',
        epcList: ['urn:uuid:6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11'],
        action: 'OBSERVE',
        bizStep: 'departing',
        disposition: 'in_transit',
        readPoint: { id: 'https://vocabulary.uncefact.org/unlocode#PKKHI' },
        destinationList: [{ type: 'location', destination: 'https://vocabulary.uncefact.org/unlocode#PKTOR' }],
      },
      {
        type: 'ObjectEvent',
        eventID: 'urn:uuid:5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f',
        eventTime: '2026-12-02T12:00:00.000+05:00',
        eventTimeZoneOffset: '+05:00',
        recordTime: '2026-12-02T07:00:01.500Z',
        epcList: ['urn:uuid:6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11'],
        action: 'OBSERVE',
        bizStep: 'sensor_reporting',
        sensorElementList: [
          {
            sensorReport: [
              { type: 'Temperature', value: 6.2, uom: 'CEL' },
              { type: 'RelativeHumidity', value: 88, uom: 'P1' },
            ],
          },
        ],
      },
    ],
  },
};
