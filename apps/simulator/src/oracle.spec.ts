import { tally } from './oracle';

const facts = [
  { eventId: 'e1', type: 'shipment.booked', shipmentId: 's1' },
  { eventId: 'e2', type: 'customs.cleared', shipmentId: 's1' },
  { eventId: 'e3', type: 'shipment.delivered', shipmentId: 's2' },
  { eventId: 'e4', type: 'notification.delivered', shipmentId: 's1' },
];

describe('oracle tally', () => {
  it('expects every shipment and customs fact about the simulated shipments, once', () => {
    const received = [
      { eventId: 'e1', deliveryId: 'n1', verified: true },
      { eventId: 'e2', deliveryId: 'n2', verified: true },
    ];
    expect(tally(facts, new Set(['s1']), received)).toEqual({
      expected: 2,
      received: 2,
      missing: [],
      duplicates: 0,
      unexpected: 0,
      unverified: 0,
    });
  });

  it('counts what is missing, doubled, foreign or badly signed', () => {
    const received = [
      { eventId: 'e1', deliveryId: 'n1', verified: true },
      { eventId: 'e1', deliveryId: 'n1', verified: true },
      { eventId: 'e3', deliveryId: 'n3', verified: false },
    ];
    expect(tally(facts, new Set(['s1']), received)).toEqual({
      expected: 2,
      received: 1,
      missing: ['e2'],
      duplicates: 1,
      unexpected: 1,
      unverified: 1,
    });
  });
});
