import { Partitioners } from 'kafkajs';
import { sendsPerPartition } from './partition-sends';

const message = (key: string, value: string) => ({ key, value });

describe('sendsPerPartition', () => {
  it("groups a batch by the partition kafkajs's default partitioner gives each key, keeping the order", () => {
    const keys = Array.from({ length: 40 }, (_, i) => `shipment-${i % 10}`);
    const batch = [
      { topic: 'shipments.events.v1', messages: keys.map((key, i) => message(key, `s${i}`)) },
      { topic: 'customs.events.v1', messages: [message('shipment-1', 'c0'), message('shipment-1', 'c1')] },
    ];
    const sends = sendsPerPartition(batch, () => 6);

    const partitioner = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: 6 }, (_, partitionId) => ({
      partitionId,
      leader: 1,
      replicas: [1],
      isr: [1],
      partitionErrorCode: 0,
    }));
    const partitionOf = (topic: string, key: string) =>
      partitioner({ topic, partitionMetadata, message: message(key, '') });
    for (const send of sends) {
      // One partition per send, so one broker per attempt.
      expect(new Set(send.messages.map((m) => partitionOf(send.topic, m.key as string))).size).toBe(1);
    }
    // Nothing lost or added, and each key's records in the batch's order.
    expect(sends.flatMap((s) => s.messages).length).toBe(42);
    const shipment3 = sends.flatMap((s) => s.messages.filter((m) => m.key === 'shipment-3').map((m) => m.value));
    expect(shipment3).toEqual(['s3', 's13', 's23', 's33']);
    expect(sends.filter((s) => s.topic === 'customs.events.v1')).toHaveLength(1);
    expect(new Set(sends.map((s) => s.topic)).size).toBe(2);
    expect(sends.length).toBeGreaterThan(2);
  });
});
