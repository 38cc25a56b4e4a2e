import type { Kafka, KafkaMessage } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { newEventId, toKafkaMessage } from '../cloud-events';
import { Faults } from '../faults';
import type { MessagingMetrics } from '../messaging-metrics';
import type { MessagingOptions } from '../messaging.options';
import { KafkaEventServer } from './kafka-event.server';

/** What the event server reports to the MESSAGING_METRICS port, with fakes for Kafka and the database. */
function harness() {
  const kafka = { producer: () => ({ send: async () => undefined, connect: async () => {}, disconnect: async () => {} }) } as unknown as Kafka;
  const manager = { query: async () => [{ event_id: 'x' }] };
  const dataSource = { transaction: async (work: (m: typeof manager) => Promise<unknown>) => work(manager) } as unknown as DataSource;
  const options = { service: 'customs', schema: 'customs', topicPrefix: '', consumer: { maxAttempts: 1, retryBaseMs: 1 } } as MessagingOptions;
  const reported: unknown[][] = [];
  const metrics: MessagingMetrics = {
    published: (...args) => void reported.push(['published', ...args]),
    consumed: (...args) => void reported.push(['consumed', ...args]),
    deadLettered: (...args) => void reported.push(['deadLettered', ...args]),
  };
  return { server: new KafkaEventServer(options, kafka, dataSource, Faults.none(), metrics), reported };
}

function record(headers: Record<string, string | undefined> = {}): KafkaMessage {
  const message = toKafkaMessage({
    id: newEventId(),
    type: 'shipment.cancelled',
    source: '/shipments',
    subject: 's-1',
    time: '2026-12-01T08:00:00.000Z',
    data: { shipmentId: 's-1', shipperId: 'shipper-1' },
  });
  return { ...message, headers: { ...message.headers, ...headers }, key: Buffer.from('s-1'), value: Buffer.from(String(message.value)), offset: '7', timestamp: '0', attributes: 0 } as KafkaMessage;
}

const position = { topic: 'shipments.events.v1', partition: 2, offset: '7' };

describe('KafkaEventServer metrics', () => {
  it('reports each processed record with its ce_type and outcome', async () => {
    const { server, reported } = harness();
    server.addHandler('shipment.cancelled', async () => {}, true);
    await server.process(position, record());
    expect(reported).toEqual([['consumed', 'shipment.cancelled', 'applied']]);
  });

  it('reports a dead letter by origin topic, and a record outside the catalogue as ce_type unknown', async () => {
    const { server, reported } = harness();
    await server.process(position, record({ ce_type: 'shipment.teleported' }));
    expect(reported).toEqual([
      ['deadLettered', 'shipments.events.v1'],
      ['consumed', 'unknown', 'dead-lettered'],
    ]);
  });
});
