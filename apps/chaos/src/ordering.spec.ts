import type { Fact } from './observe';
import { consumptionOrderBreaks, publicationOrderBreaks, type AcceptedFact } from './ordering';

const onKafka = (eventId: string, offset: number, shipmentId = 's1'): Fact => ({
  eventId,
  type: 'shipment.leg.departed',
  shipmentId,
  topic: 'shipments',
  data: {},
  partition: 3,
  offset,
});
const accepted = (eventId: string, seq: number, subject = 's1'): AcceptedFact => ({
  topic: 'shipments',
  subject,
  seq,
  eventId,
});

describe('ordering per shipment', () => {
  it('accepts facts published in the order accepted, a republished one repeating later', () => {
    const published = [onKafka('a', 10), onKafka('b', 11), onKafka('a', 12), onKafka('c', 13)];
    expect(publicationOrderBreaks([accepted('a', 1), accepted('b', 2), accepted('c', 5)], published)).toEqual([]);
  });

  it('names the first fact published out of its acceptance order', () => {
    const published = [onKafka('b', 10), onKafka('a', 11), onKafka('x', 12, 's2')];
    expect(publicationOrderBreaks([accepted('a', 1), accepted('b', 2), accepted('x', 3, 's2')], published)).toEqual([
      'shipments s1: accepted a (seq 1) before b (seq 2), published after it',
    ]);
  });

  it('finds a consumer that took effect of a later offset before an earlier one of the same shipment', () => {
    const published = [onKafka('a', 10), onKafka('b', 11), onKafka('z', 12, 's2')];
    const processed = [
      { consumer: 'customs', eventId: 'b', processedAt: 100, partition: 3, offset: 11 },
      { consumer: 'customs', eventId: 'a', processedAt: 200, partition: 3, offset: 10 },
      // Same transaction (same time): offset order decides, and other shipments do not count.
      { consumer: 'notifications', eventId: 'b', processedAt: 100, partition: 3, offset: 11 },
      { consumer: 'notifications', eventId: 'a', processedAt: 100, partition: 3, offset: 10 },
      { consumer: 'notifications', eventId: 'z', processedAt: 50, partition: 3, offset: 12 },
    ];
    expect(consumptionOrderBreaks(processed, published)).toEqual([
      'customs shipments s1: offset 10 (a) took effect after offset 11 (b)',
    ]);
  });
});
