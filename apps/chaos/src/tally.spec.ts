import type { Fact } from './observe';
import { doubledFacts, expectedFacts, matchesFilter, tallyTarget } from './tally';

const fact = (eventId: string, type: string, shipmentId: string, data: Record<string, unknown> = {}): Fact => ({
  eventId,
  type,
  shipmentId,
  topic: 'shipments',
  data,
  partition: 0,
  offset: 0,
});

describe('chaos tally', () => {
  it('separates missing, doubled (two ids, one fact), redelivered (one id twice), unexpected and unsigned', () => {
    const received = [
      { eventId: 'e1', deliveryId: 'w1', verified: true },
      { eventId: 'e1', deliveryId: 'w1', verified: true },
      { eventId: 'e2', deliveryId: 'w2', verified: true },
      { eventId: 'e2', deliveryId: 'w2b', verified: true },
      { eventId: 'x9', deliveryId: 'w9', verified: false },
    ];
    expect(tallyTarget(new Set(['e1', 'e2', 'e3']), received)).toEqual({
      expected: 3,
      received: 2,
      missing: ['e3'],
      doubled: 1,
      redelivered: 1,
      unexpected: 1,
      badSignatures: 1,
    });
  });

  it('is clean when every expected fact arrived once', () => {
    const t = tallyTarget(new Set(['e1']), [{ eventId: 'e1', deliveryId: 'w1', verified: true }]);
    expect(t).toEqual({
      expected: 1,
      received: 1,
      missing: [],
      doubled: 0,
      redelivered: 0,
      unexpected: 0,
      badSignatures: 0,
    });
  });

  it('expects shipment and customs facts about the shipper’s shipments that its filters match, once per ce_id', () => {
    const facts = [
      fact('a', 'shipment.booked', 's1'),
      fact('a', 'shipment.booked', 's1'), // republished after a crash: one fact
      fact('b', 'customs.cleared', 's1'),
      fact('c', 'shipment.delivered', 's1'),
      fact('d', 'customs.cleared', 's2'),
      fact('e', 'notification.delivered', 's1'),
    ];
    expect([...expectedFacts(facts, new Set(['s1']))].sort()).toEqual(['a', 'b', 'c']);
    expect([...expectedFacts(facts, new Set(['s1']), ['customs.*', 'shipment.delivered'])].sort()).toEqual(['b', 'c']);
    expect(matchesFilter(['shipment.leg.*'], 'shipment.leg.departed')).toBe(true);
    expect(matchesFilter(['shipment.leg.*'], 'shipment.legs')).toBe(false);
  });

  it('finds once-only facts published under two ce_ids, not a republished record', () => {
    const facts = [
      fact('a', 'shipment.booked', 's1'),
      fact('a', 'shipment.booked', 's1'),
      fact('b', 'customs.cleared', 's1', { declarationId: 'd1' }),
      fact('c', 'customs.cleared', 's1', { declarationId: 'd1' }),
      fact('d', 'customs.declaration.opened', 's1', { legSequence: 2 }),
      fact('e', 'customs.declaration.opened', 's1', { legSequence: 3 }),
    ];
    expect(doubledFacts(facts)).toEqual(['customs.cleared d1 ×2']);
  });
});
