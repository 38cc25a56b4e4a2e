import { randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { createTestTopics, deleteTestTopics, testKafka, uniqueName } from '@lib/testing';

describe('Kafka round trip on the real broker', () => {
  const topic = `${uniqueName('t')}.roundtrip.v1`;

  beforeAll(async () => {
    await createTestTopics('', [topic], 3);
  });

  afterAll(async () => {
    await deleteTestTopics([topic]);
  });

  it('delivers a produced record, key and headers intact, to a consumer group', async () => {
    const kafka = testKafka('roundtrip');
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    const consumer = kafka.consumer({ groupId: uniqueName('g'), sessionTimeout: 6000, heartbeatInterval: 500 });
    const id = randomUUID();
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = new Promise<{ key?: string; value?: string; ceId?: string }>((resolve) => {
        void consumer.run({
          eachMessage: ({ message }) => {
            resolve({
              key: message.key?.toString(),
              value: message.value?.toString(),
              ceId: message.headers?.ce_id?.toString(),
            });
            return Promise.resolve();
          },
        });
      });
      await producer.connect();
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: 'shipment-1', value: JSON.stringify({ id }), headers: { ce_id: id } }],
      });
      await expect(received).resolves.toEqual({ key: 'shipment-1', value: JSON.stringify({ id }), ceId: id });
    } finally {
      await producer.disconnect();
      await consumer.disconnect();
    }
  });
});
